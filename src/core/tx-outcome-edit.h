/* tx-outcome-edit.h — following a recommendation: the record's setters
 * (tx-outcome.h) and the store's writes (tx-outcome-store.h)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "tx-outcome-store.h"
#include "tx-outcome.h"
