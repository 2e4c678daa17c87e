/* tx-consultation-edit.h — changing consultations: the record's setters
 * (tx-consultation.h) and the store's writes (tx-consultation-store.h)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "tx-consultation-store.h"
#include "tx-consultation.h"
