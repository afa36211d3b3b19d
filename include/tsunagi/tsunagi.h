/* SPDX-License-Identifier: Apache-2.0 */
/* Umbrella header: the whole public API of libtsunagi. */
#ifndef TSUNAGI_H
#define TSUNAGI_H

#include "common.h"
#include "context.h"
#include "cpe.h"
#include "cvss.h"
#include "errors.h"
#include "limits.h"
#include "purl.h"
#include "sbom.h"
#include "version.h"
#include "range.h"
#include "advisory.h"
#include "vulndb.h"
#include "scan.h"
#include "vex.h"
#include "assess.h"

#endif
