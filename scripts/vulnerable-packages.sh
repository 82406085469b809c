#!/usr/bin/env bash
# Fails when any package the solution uses, directly or not, has a known vulnerability (or the check cannot run).
# Needs a restored solution (scripts/test.sh restores and builds it).
# It also checks that the package source serves vulnerability data at all, with a throwaway project that references a
# package with a published advisory: a source without advisories makes every answer "none" (see docs/security.md).
set -uo pipefail
cd "$(dirname "$0")/.."
out="$(dotnet list EduDuty.sln package --vulnerable --include-transitive 2>&1)"
rc=$?
if [ $rc -ne 0 ]; then
  echo "$out" >&2
  echo "vulnerable-packages: the check could not run (exit $rc)" >&2
  exit 1
fi
if grep -q "has the following vulnerable packages" <<<"$out"; then
  echo "$out"
  echo "vulnerable-packages: vulnerable packages found; update them in Directory.Packages.props" >&2
  exit 1
fi

canary="$(mktemp -d)"
trap 'rm -rf "$canary"' EXIT
cat > "$canary/canary.csproj" <<'XML'
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup><TargetFramework>net10.0</TargetFramework><NuGetAudit>false</NuGetAudit><ManagePackageVersionsCentrally>false</ManagePackageVersionsCentrally></PropertyGroup>
  <!-- Newtonsoft.Json before 13.0.1 has advisory GHSA-5crp-9r3c-p9vr. -->
  <ItemGroup><PackageReference Include="Newtonsoft.Json" Version="12.0.3" /></ItemGroup>
</Project>
XML
if (cd "$canary" && dotnet restore -v q >/dev/null 2>&1 && dotnet list package --vulnerable 2>&1 | grep -q "has the following vulnerable packages"); then
  echo "vulnerable-packages: none (the package source serves vulnerability data)"
else
  echo "vulnerable-packages: none reported, but the package source serves no vulnerability data (a known-vulnerable canary was not flagged)"
fi
