# Answers to Manual checks for the demo account (444455556666), for -AttestationPath.
# Answer is Pass or Fail; the attestation holds until ExpiresOn (yyyy-MM-dd, UTC, inclusive).
@{
    Attestations = @(
        @{
            CheckId      = 'SEC01.RootContactDetailsCurrent'
            AccountId    = '444455556666'
            Answer       = 'Pass'
            AttestedBy   = 'security-team@example.com'
            AttestedOn   = '2026-11-02'
            EvidenceLink = 'https://wiki.example.com/aws/444455556666/root-contacts'
            ExpiresOn    = '2027-05-02'
        }
    )
}
