#!/usr/bin/env pwsh
# build.ps1: the PowerShell entry to sharprun. Builds the toolchain CLI when its sources changed and
# forwards every argument to it, like the `sharprun` shell script: ./build.ps1 build images/hello
$ErrorActionPreference = 'Stop'

$root = $PSScriptRoot
$artifacts = Join-Path $root 'artifacts/toolchain'
$cli = Join-Path $artifacts 'bin/Sharprun.Cli/release/sharprun.dll'
$stamp = Join-Path $artifacts 'built.stamp'

$stale = -not (Test-Path $cli) -or -not (Test-Path $stamp)
if (-not $stale) {
    $built = (Get-Item $stamp).LastWriteTimeUtc
    $sources = @(
        Get-ChildItem -File -Recurse (Join-Path $root 'toolchain/Sharprun.Cli'), (Join-Path $root 'toolchain/Sharprun.Toolchain') |
            Where-Object { $_.FullName -notmatch '[\\/](bin|obj)[\\/]' }
        Get-Item (Join-Path $root 'toolchain/Directory.Build.props'), (Join-Path $root 'Directory.Build.props')
    )
    $stale = [bool]($sources | Where-Object { $_.LastWriteTimeUtc -gt $built } | Select-Object -First 1)
}

if ($stale) {
    New-Item -ItemType Directory -Force $artifacts | Out-Null
    $started = Get-Date
    $output = & dotnet build (Join-Path $root 'toolchain/Sharprun.Cli/Sharprun.Cli.csproj') -c Release `
        --artifacts-path $artifacts -nologo -v:quiet -clp:NoSummary 2>&1
    if ($LASTEXITCODE -ne 0) {
        $output | Write-Host
        Write-Error 'sharprun: building the toolchain failed'
        exit 1
    }
    New-Item -ItemType File -Force $stamp | Out-Null
    (Get-Item $stamp).LastWriteTime = $started
}

$env:SHARPRUN_ROOT = $root
& dotnet $cli @args
exit $LASTEXITCODE
