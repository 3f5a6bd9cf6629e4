using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using WASecurity.Evidence;

namespace WASecurity.Checks.Sec09
{
    /// <summary>
    /// SEC 9: the Glue Data Catalog of every covered region encrypts its metadata with a KMS key (GlueCatalogEncrypted) and
    /// returns connection passwords only encrypted (GlueConnectionPasswordsEncrypted); one finding per region and check,
    /// both from one GetDataCatalogEncryptionSettings answer. Each check reads only its own half of the answer, so a
    /// malformed half makes only its check Error.
    /// </summary>
    internal static class GlueCatalogEncryption
    {
        public const string ResourceType = "AWS::Glue::DataCatalogEncryptionSettings";

        /// <summary>The modes that encrypt the catalog's metadata with a KMS key (the API's CatalogEncryptionMode values besides DISABLED).</summary>
        private static readonly string[] KmsModes = { "SSE-KMS", "SSE-KMS-WITH-SERVICE-ROLE" };

        public static Task<IEnumerable<Finding>> CatalogEncryptedAsync(CheckContext context, CancellationToken cancellationToken) =>
            ForEachCatalogAsync(context, Sec09Catalog.GlueCatalogEncrypted, JudgeCatalog, cancellationToken);

        public static Task<IEnumerable<Finding>> ConnectionPasswordsEncryptedAsync(CheckContext context, CancellationToken cancellationToken) =>
            ForEachCatalogAsync(context, Sec09Catalog.GlueConnectionPasswordsEncrypted, JudgePasswords, cancellationToken);

        private static Task<IEnumerable<Finding>> ForEachCatalogAsync(
            CheckContext context, CheckDefinition check, Func<CheckContext, CheckDefinition, string, JsonElement, Finding> judge, CancellationToken cancellationToken) =>
            context.ForEachRegionAsync(async region =>
            {
                var catalogId = context.Account.AccountId;
                var arn = $"arn:{context.Account.Partition}:glue:{region}:{catalogId}:catalog";
                var response = await context.GetAsync(GlueCalls.GetDataCatalogEncryptionSettings(region), cancellationToken).ConfigureAwait(false);
                Finding finding;
                if (!response.IsSuccess)
                {
                    finding = context.ErrorFinding(check, response, catalogId, arn, ResourceType);
                }
                else
                {
                    try
                    {
                        var settings = response.Root.Required("DataCatalogEncryptionSettings", "the GetDataCatalogEncryptionSettings answer");
                        finding = judge(context, check, region, settings);
                    }
                    catch (FormatException e)
                    {
                        finding = context.ErrorFinding(check, EvidenceLocator.Unreadable(response, e), catalogId, arn, ResourceType);
                    }
                }

                return new[] { finding.WithProperty("CatalogId", catalogId) }.AsEnumerable();
            });

        internal static Finding JudgeCatalog(CheckContext context, CheckDefinition check, string region, JsonElement settings)
        {
            var atRest = settings.Required("EncryptionAtRest", "DataCatalogEncryptionSettings");
            var mode = atRest.RequiredStr("CatalogEncryptionMode", "EncryptionAtRest");
            var key = atRest.Str("SseAwsKmsKeyId");
            Finding finding;
            if (KmsModes.Contains(mode, StringComparer.Ordinal))
            {
                finding = NewFinding(context, check, FindingStatus.Pass, region, string.IsNullOrEmpty(key)
                    ? $"The Glue Data Catalog in {region} encrypts its metadata ({mode}) with the AWS managed key aws/glue."
                    : $"The Glue Data Catalog in {region} encrypts its metadata ({mode}) with KMS key {key}.");
            }
            else if (mode == "DISABLED")
            {
                finding = NewFinding(context, check, FindingStatus.Fail, region,
                    $"The Glue Data Catalog in {region} does not encrypt its metadata (CatalogEncryptionMode DISABLED): table definitions, schemas and locations of the data lake are stored without a KMS key.");
            }
            else
            {
                // An unknown mode cannot be vouched for; it is what an unreadable answer looks like, not a pass.
                throw new FormatException($"EncryptionAtRest has CatalogEncryptionMode '{mode}', which is none of DISABLED, {string.Join(", ", KmsModes)}");
            }

            return finding
                .With("CatalogEncryptionMode", mode)
                .With("SseAwsKmsKeyId", key)
                .With("CatalogEncryptionServiceRole", atRest.Str("CatalogEncryptionServiceRole"));
        }

        internal static Finding JudgePasswords(CheckContext context, CheckDefinition check, string region, JsonElement settings)
        {
            var passwords = settings.Required("ConnectionPasswordEncryption", "DataCatalogEncryptionSettings");
            var encrypted = passwords.Bool("ReturnConnectionPasswordEncrypted")
                ?? throw new FormatException("ConnectionPasswordEncryption has no ReturnConnectionPasswordEncrypted");
            var key = passwords.Str("AwsKmsKeyId");
            var finding = encrypted
                ? NewFinding(context, check, FindingStatus.Pass, region, string.IsNullOrEmpty(key) ? $"The Glue Data Catalog in {region} returns connection passwords encrypted." : $"The Glue Data Catalog in {region} returns connection passwords encrypted with KMS key {key}.")
                : NewFinding(context, check, FindingStatus.Fail, region,
                    $"The Glue Data Catalog in {region} returns connection passwords in clear text (ReturnConnectionPasswordEncrypted false): anyone allowed glue:GetConnection reads the database passwords of its connections.");
            return finding
                .With("ReturnConnectionPasswordEncrypted", encrypted)
                .With("AwsKmsKeyId", key);
        }

        private static Finding NewFinding(CheckContext context, CheckDefinition check, FindingStatus status, string region, string reason) =>
            context.NewFinding(check, status, context.Account.AccountId, reason, region, $"arn:{context.Account.Partition}:glue:{region}:{context.Account.AccountId}:catalog", ResourceType);
    }
}
