using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using WASecurity.Evidence;

namespace WASecurity.Checks.Sec09
{
    /// <summary>SEC 9: the ML storage volume of every SageMaker notebook instance encrypted with a KMS key of the account.</summary>
    internal static class SageMakerNotebookEncryption
    {
        public static Task<IEnumerable<Finding>> SageMakerNotebookEncryptedAsync(CheckContext context, CancellationToken cancellationToken)
        {
            var check = Sec09Catalog.SageMakerNotebookEncrypted;
            return context.ForEachRegionAsync(check, "SageMaker notebook instance", async region =>
            {
                var list = await context.GetAsync(SageMakerCalls.ListNotebookInstances(region), cancellationToken).ConfigureAwait(false);
                if (!list.IsSuccess)
                {
                    return context.ErrorFinding(check, list).AsEnumerable();
                }

                var notebooks = list.Root.Items("NotebookInstances")
                    .Select(n => (Name: n.RequiredStr("NotebookInstanceName", "NotebookInstances[]"), Arn: n.Str("NotebookInstanceArn")))
                    .ToList();
                var findings = await Task.WhenAll(notebooks.Select(async notebook =>
                {
                    var arn = notebook.Arn ?? $"arn:{context.Account.Partition}:sagemaker:{region}:{context.Account.AccountId}:notebook-instance/{notebook.Name.ToLowerInvariant()}";
                    var response = await context.GetAsync(SageMakerCalls.DescribeNotebookInstance(region, notebook.Name), cancellationToken).ConfigureAwait(false);
                    Finding finding;
                    if (!response.IsSuccess)
                    {
                        finding = context.ErrorFinding(check, response, notebook.Name, arn, check.ResourceType);
                    }
                    else if (response.Root.Str("NotebookInstanceName") != notebook.Name)
                    {
                        // The answer must describe the instance it was asked about; anything else cannot vouch for its volume.
                        finding = context.NewFinding(check, FindingStatus.Error, notebook.Name, $"Could not verify: the DescribeNotebookInstance response for SageMaker notebook instance {notebook.Name} in {region} does not name it (NotebookInstanceName).", region, arn)
                            .With("FailedCall", response.Call.Action);
                    }
                    else
                    {
                        var key = response.Root.Str("KmsKeyId");
                        finding = string.IsNullOrEmpty(key)
                            ? context.NewFinding(check, FindingStatus.Fail, notebook.Name, $"SageMaker notebook instance {notebook.Name} has no KMS key (KmsKeyId): its ML storage volume, with the notebooks and the data copied to it, is not encrypted under a key the account controls.", region, arn)
                            : context.NewFinding(check, FindingStatus.Pass, notebook.Name, $"SageMaker notebook instance {notebook.Name} encrypts its ML storage volume with KMS key {key}.", region, arn);
                        finding.With("KmsKeyId", key)
                            .With("NotebookInstanceStatus", response.Root.Str("NotebookInstanceStatus"))
                            .With("DirectInternetAccess", response.Root.Str("DirectInternetAccess"));
                    }

                    return finding.WithProperty("NotebookInstanceName", notebook.Name);
                })).ConfigureAwait(false);
                return findings.ToList();
            });
        }
    }
}
