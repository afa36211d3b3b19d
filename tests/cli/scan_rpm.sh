#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# tsunagi scan for RPM packages of AlmaLinux, openSUSE Leap, SUSE Linux
# Enterprise Server and Red Hat Enterprise Linux, against made-up OSV
# records in each distribution's ecosystem (tests/resources/scan_rpm;
# Red Hat's named by product stream). Checks the distro qualifier read
# as the release (AlmaLinux:9 from almalinux-9.3, SLES 15 SP5 from
# sles-15.5), the source package from the upstream qualifier, the epoch
# qualifier, both sides of each fixed version, and the reasons for RPMs
# not checked.
set -u
bin=${TSN_BIN:?}
root=${TSN_SOURCE_ROOT:?}
res=$root/tests/resources/scan_rpm
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
. "$root/tests/cli/lib.sh"

db=$tmp/r.db
"$bin" db import -q --db "$db" "$res/records"
check $? 0 "import the records"
js=$("$bin" scan --db "$db" --format json "$res/sbom.cdx.json")
check $? 0 "scan"
f() { printf '%s' "$js" | jq -r --arg r "$1" "[.targets[0].findings[] | select(.bomRef == \$r)] | $2"; }
c() { printf '%s' "$js" | jq -r --arg r "$1" ".targets[0].components[] | select(.bomRef == \$r) | $2"; }

check "$(c alma-old '[.ecosystem, .package] | join(" ")')" "AlmaLinux:9 openssl" \
    "AlmaLinux: the major release of almalinux-9.3; the source package of openssl-libs"
check "$(f alma-old '.[0] | [.id, .version, .matched[0], .upgrade] | join(" ")')" \
    "CVE-2099-2001 1:3.0.7-25.el9_3 vers:rpm/<1:3.0.7-27.el9 1:3.0.7-27.el9" \
    "AlmaLinux: before the fix, compared with its epoch (epoch=1)"
check "$(f alma-fixed 'length')" 0 "AlmaLinux: the fixed version itself"
check "$(c alma-8 '.ecosystem')" "AlmaLinux:8" "AlmaLinux 8: its own release's record"
check "$(f alma-8 'length')" 0 "AlmaLinux 8: its fixed version (not 9's)"
check "$(f alma-noepoch 'map(.id) | join(" ")')" "CVE-2099-2001" \
    "no epoch qualifier: epoch 0, below the fix's epoch 1, as rpm orders them (documented)"
check "$(c leap '[.ecosystem, .package] | join(" ")')" "openSUSE:Leap 15.6 openssl-3" \
    "openSUSE Leap: the release, and the source package of libopenssl3 (a name with a dash and a digit)"
check "$(f leap '.[0].id')" "CVE-2099-2002" "openSUSE Leap: before the fix"
check "$(f leap-fixed 'length')" 0 "openSUSE Leap: the fix"
check "$(c sles '.ecosystem')" "SUSE:Linux Enterprise Server 15 SP5" "SLES: sles-15.5 is 15 SP5"
check "$(f sles '.[0].id')" "CVE-2099-2003" "SLES: before the fix"
check "$(f sles-fixed 'length')" 0 "SLES: the fix of its own service pack"
check "$(c rhel '[.ecosystem, .package, .findings] | join(" ")')" "Red Hat:enterprise_linux:9::* openssl 0" \
    "RHEL: every product stream of RHEL 9; the fixed version"
check "$(f rhel-old '.[0] | [.id, (.records | join(",")), .upgrade] | join(" ")')" \
    "CVE-2099-2004 osv/RHSA-2099:0001 1:3.0.7-27.el9" \
    "RHEL 9: one finding from the record's appstream (source package openssl) and baseos (binary openssl-libs) entries"
check "$(f rhel-old '.[0].matched | length')" 1 "... the range that holds it, once"
check "$(f rhel-8 '.[0] | [.id, (.fixedVersions | join(","))] | join(" ")')" "CVE-2099-2004 1:1.1.1k-12.el8_9" \
    "RHEL 8 (distro=redhat-8.7, as Trivy writes it): RHEL 8's stream only, not 9's or an EUS stream"
check "$(c centos '.notChecked')" "unknown-ecosystem" "CentOS: no OSV ecosystem; not checked, said why"
check "$(c nodistro '.notChecked')" "no-distro-release" "an RPM without a distro qualifier: not checked, said why"
# Red Hat's streams, the same packages under source and binary names,
# looked up in several threads: the same report as one thread's
"$bin" scan --jobs 1 --db "$db" --format json "$res/sbom.cdx.json" >"$tmp/j1.json"
for j in 2 3 5; do
    "$bin" scan --jobs "$j" --db "$db" --format json "$res/sbom.cdx.json" >"$tmp/jn.json"
    cmp -s "$tmp/j1.json" "$tmp/jn.json"
    check $? 0 "--jobs $j: the same report as one thread's"
done
finish scan-rpm
