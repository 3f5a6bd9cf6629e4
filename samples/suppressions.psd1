# Accepted risks for the demo account (444455556666), for -SuppressionPath.
# Read as data: only literal values are allowed. Every entry needs a Justification and an ExpiresOn
# date (yyyy-MM-dd, UTC, inclusive); expired entries are ignored with a warning.
@{
    Suppressions = @(
        @{
            CheckId       = 'SEC01.RootHardwareMfa'
            Resource      = '444455556666'
            Justification = 'Demo account: a FIDO key is on order (SEC-1234); the virtual device stays until it arrives.'
            ExpiresOn     = '2027-03-31'
        }
    )
}
