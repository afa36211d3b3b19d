/* SPDX-License-Identifier: Apache-2.0 */
/*
 * What the scan's other files ask of scan.c.
 */
#ifndef TSUNAGI_MATCH_SCAN_INT_H
#define TSUNAGI_MATCH_SCAN_INT_H

#include "tsunagi/scan.h"

/*
 * Each component's upgrade sought again among the findings VEX left in
 * (tsn_scan_apply_vex() left some out): the nearest fixed version that
 * none of the kept findings' entries holds; none when every finding of
 * the component is left out. Components whose upgrade was not sought
 * (a hit from an NVD configuration) keep theirs, and so does a scan
 * tsn_scan_run() did not make. 0 or TSN_ENOMEM.
 */
int tsnm_scan_reupgrade(tsn_scan *scan);

#endif
