/* tx-records.h — the records in the store, one module a kind: townships,
 * consultations, recommendations (people: tx-roster.h)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "tx-consultation-store.h"
#include "tx-outcome-store.h"
#include "tx-township-store.h"
