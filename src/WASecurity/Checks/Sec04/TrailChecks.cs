using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using WASecurity.Evidence;

namespace WASecurity.Checks.Sec04
{
    /// <summary>CloudTrail: an account-wide trail, per-trail hardening, and S3 data events.</summary>
    internal static class TrailChecks
    {
        public const string TrailType = "AWS::CloudTrail::Trail";

        public static async Task<IEnumerable<Finding>> CloudTrailMultiRegionAsync(CheckContext context, CancellationToken cancellationToken)
        {
            var check = Sec04Catalog.CloudTrailMultiRegion;
            return await AccountTrailAsync(context, check, s => s.QualifiesAsAccountTrail, "records read and write management events", cancellationToken).ConfigureAwait(false);
        }

        /// <summary>
        /// An organization trail (created in the management account, or a delegated administrator, for every account):
        /// member accounts see it as a shadow trail, so the check reads the same from any account of the organization.
        /// </summary>
        public static async Task<IEnumerable<Finding>> OrganizationTrailAsync(CheckContext context, CancellationToken cancellationToken)
        {
            var check = Sec04Catalog.OrganizationTrail;
            var organization = await context.GetAsync(Sec01.OrganizationCalls.DescribeOrganization, cancellationToken).ConfigureAwait(false);
            if (organization.IsErrorCode("AWSOrganizationsNotInUseException"))
            {
                return context.AccountFinding(check, FindingStatus.NotApplicable, "The account belongs to no AWS Organization, so no organization trail can cover it (SEC01.AccountInOrganization reports that; SEC04.CloudTrailMultiRegion judges its own trails).").AsEnumerable();
            }

            if (!organization.IsSuccess)
            {
                return context.ErrorFinding(check, organization).AsEnumerable();
            }

            return await AccountTrailAsync(
                context,
                check,
                s => s.Trail.IsOrganizationTrail && s.QualifiesAsAccountTrail,
                "records the read and write management events of every account of the organization (an organization trail)",
                cancellationToken).ConfigureAwait(false);
        }

        public static Task<IEnumerable<Finding>> S3DataEventsWriteAsync(CheckContext context, CancellationToken cancellationToken) =>
            AccountTrailAsync(context, Sec04Catalog.S3DataEventsWrite, s => IsLoggingMultiRegion(s) && s.Coverage!.S3DataWrite, "records S3 object-level write events for all buckets", cancellationToken);

        public static Task<IEnumerable<Finding>> S3DataEventsReadAsync(CheckContext context, CancellationToken cancellationToken) =>
            AccountTrailAsync(context, Sec04Catalog.S3DataEventsRead, s => IsLoggingMultiRegion(s) && s.Coverage!.S3DataRead, "records S3 object-level read events for all buckets", cancellationToken);

        public static Task<IEnumerable<Finding>> LogFileValidationAsync(CheckContext context, CancellationToken cancellationToken) =>
            ForEachTrailAsync(context, Sec04Catalog.TrailLogFileValidation, cancellationToken, trail =>
            {
                var finding = trail.LogFileValidationEnabled
                    ? TrailFinding(context, Sec04Catalog.TrailLogFileValidation, FindingStatus.Pass, trail, $"Trail '{trail.Name}' has log file validation enabled.")
                    : TrailFinding(context, Sec04Catalog.TrailLogFileValidation, FindingStatus.Fail, trail, $"Trail '{trail.Name}' has log file validation disabled.");
                return Task.FromResult(finding.With("LogFileValidationEnabled", trail.LogFileValidationEnabled));
            });

        public static Task<IEnumerable<Finding>> KmsEncryptionAsync(CheckContext context, CancellationToken cancellationToken) =>
            ForEachTrailAsync(context, Sec04Catalog.TrailKmsEncryption, cancellationToken, trail =>
            {
                var finding = string.IsNullOrEmpty(trail.KmsKeyId)
                    ? TrailFinding(context, Sec04Catalog.TrailKmsEncryption, FindingStatus.Fail, trail, $"Trail '{trail.Name}' has no KMS key: its log files use S3-managed encryption only.")
                    : TrailFinding(context, Sec04Catalog.TrailKmsEncryption, FindingStatus.Pass, trail, $"Trail '{trail.Name}' encrypts its log files with KMS key {trail.KmsKeyId}.");
                return Task.FromResult(finding.With("KmsKeyId", trail.KmsKeyId));
            });

        public static Task<IEnumerable<Finding>> CloudWatchDeliveryAsync(CheckContext context, CancellationToken cancellationToken)
        {
            var check = Sec04Catalog.TrailCloudWatchDelivery;
            var maxHours = context.Settings.GetInt(Sec04Catalog.TrailDeliveryMaxAgeHours);
            return ForEachTrailAsync(context, check, cancellationToken, async trail =>
            {
                if (string.IsNullOrEmpty(trail.LogGroupArn))
                {
                    return TrailFinding(context, check, FindingStatus.Fail, trail, $"Trail '{trail.Name}' does not send its events to CloudWatch Logs.")
                        .With("CloudWatchLogsLogGroupArn", null);
                }

                var status = await context.GetAsync(LoggingCalls.GetTrailStatus(trail.HomeRegion, trail.Arn), cancellationToken).ConfigureAwait(false);
                if (!status.IsSuccess)
                {
                    return TrailError(context, check, status, trail);
                }

                var last = status.Root.Date("LatestCloudWatchLogsDeliveryTime");
                var deliveryError = status.Root.Str("LatestCloudWatchLogsDeliveryError");
                Finding finding;
                if (last == null)
                {
                    finding = TrailFinding(context, check, FindingStatus.Fail, trail, $"Trail '{trail.Name}' has never delivered events to log group {trail.LogGroupName}" + ErrorSuffix(deliveryError) + ".");
                }
                else
                {
                    var hours = (EvidenceTime(context) - last.Value).TotalHours;
                    finding = hours <= maxHours
                        ? TrailFinding(context, check, FindingStatus.Pass, trail, $"Trail '{trail.Name}' last delivered to log group {trail.LogGroupName} {Age(hours)} ago.")
                        : TrailFinding(context, check, FindingStatus.Fail, trail, $"Trail '{trail.Name}' last delivered to log group {trail.LogGroupName} {Age(hours)} ago (limit {maxHours} hours)" + ErrorSuffix(deliveryError) + ".");
                }

                return finding
                    .WithProperty("LogGroupName", trail.LogGroupName)
                    .With("CloudWatchLogsLogGroupArn", trail.LogGroupArn)
                    .With("LatestCloudWatchLogsDeliveryTime", last?.UtcDateTime.ToString("o", CultureInfo.InvariantCulture))
                    .With("LatestCloudWatchLogsDeliveryError", deliveryError)
                    .With("IsLogging", status.Root.Bool("IsLogging"))
                    .With("MaxAgeHours", maxHours);
            });
        }

        /// <summary>Runs <paramref name="evaluate"/> for every trail; regions whose trail list failed are Errors.</summary>
        internal static async Task<IEnumerable<Finding>> ForEachTrailAsync(
            CheckContext context, CheckDefinition check, CancellationToken cancellationToken, Func<TrailRecord, Task<Finding>> evaluate)
        {
            var inventory = await TrailInventory.LoadAsync(context, cancellationToken).ConfigureAwait(false);
            var findings = inventory.Failures.Select(f => context.ErrorFinding(check, f)).ToList();
            if (inventory.Trails.Count == 0 && findings.Count == 0)
            {
                findings.Add(context.AccountFinding(check, FindingStatus.NotApplicable, "The account has no CloudTrail trail (see SEC04.CloudTrailMultiRegion)."));
            }

            findings.AddRange(await Task.WhenAll(inventory.Trails.Select(evaluate)).ConfigureAwait(false));
            return findings;
        }

        internal static Finding TrailFinding(CheckContext context, CheckDefinition check, FindingStatus status, TrailRecord trail, string reason) =>
            context.NewFinding(check, status, trail.Name, reason, trail.HomeRegion, trail.Arn, TrailType)
                .WithProperty("TrailName", trail.Name)
                .With("TrailARN", trail.Arn)
                .With("IsMultiRegionTrail", trail.IsMultiRegion);

        internal static Finding TrailError(CheckContext context, CheckDefinition check, EvidenceResponse failed, TrailRecord trail) =>
            context.ErrorFinding(check, failed, trail.Name, trail.Arn, TrailType).WithProperty("TrailName", trail.Name);

        internal static bool IsLoggingMultiRegion(TrailState state) =>
            state.Trail.IsMultiRegion && state.IsLogging == true && state.Coverage != null;

        /// <summary>The states of the multi-region trails (the only ones that can cover the account).</summary>
        internal static async Task<IReadOnlyList<TrailState>> MultiRegionStatesAsync(CheckContext context, TrailInventory inventory, CancellationToken cancellationToken) =>
            await Task.WhenAll(inventory.Trails.Where(t => t.IsMultiRegion).Select(t => TrailInventory.LoadStateAsync(context, t, cancellationToken))).ConfigureAwait(false);

        /// <summary>
        /// An account-level verdict (region global, whatever the trail's home, so runs compare): Pass when some trail
        /// satisfies <paramref name="qualifies"/>. A multi-region trail is
        /// listed in every region, so one region's successful DescribeTrails is enough to conclude there is none;
        /// a trail whose status or selectors could not be read makes a negative answer an Error.
        /// </summary>
        private static async Task<IEnumerable<Finding>> AccountTrailAsync(
            CheckContext context, CheckDefinition check, Func<TrailState, bool> qualifies, string what, CancellationToken cancellationToken)
        {
            var inventory = await TrailInventory.LoadAsync(context, cancellationToken).ConfigureAwait(false);
            if (inventory.Failures.Count == context.Regions.Count && inventory.Failures.Count > 0)
            {
                return context.ErrorFinding(check, inventory.Failures[0]).AsEnumerable();
            }

            var states = await MultiRegionStatesAsync(context, inventory, cancellationToken).ConfigureAwait(false);
            var qualifying = states.Where(qualifies).ToList();
            if (qualifying.Count > 0)
            {
                var first = qualifying[0].Trail;
                return context.AccountFinding(check, FindingStatus.Pass, $"Multi-region trail '{first.Name}' is logging and {what}.")
                    .WithProperty("TrailName", first.Name)
                    .With("QualifyingTrails", qualifying.Select(s => s.Trail.Arn))
                    .AsEnumerable();
            }

            var failed = states.FirstOrDefault(s => s.Failure != null);
            if (failed != null)
            {
                return context.ErrorFinding(check, failed.Failure!).With("Trail", failed.Trail.Arn).AsEnumerable();
            }

            var described = inventory.Trails.Select(t =>
            {
                var state = states.FirstOrDefault(s => s.Trail == t);
                var problems = state?.Shortcomings(check == Sec04Catalog.CloudTrailMultiRegion || check == Sec04Catalog.OrganizationTrail).ToList() ?? new List<string> { "single-region" };
                if (state != null && problems.Count == 0)
                {
                    problems.Add("does not " + what.Replace("records", "record"));
                }

                return $"'{t.Name}' ({string.Join(", ", problems)})";
            }).ToList();
            var reason = described.Count == 0
                ? $"The account has no CloudTrail trail, so no trail {what}."
                : $"No logging multi-region trail {what}: {string.Join("; ", described)}.";
            return context.AccountFinding(check, FindingStatus.Fail, reason)
                .With("Trails", inventory.Trails.Select(t => t.Arn))
                .AsEnumerable();
        }

        /// <summary>
        /// When the evidence describes the account: the bundle's collection time offline (a bundle read a week later
        /// must not turn a healthy delivery stale), the run's clock live.
        /// </summary>
        internal static DateTimeOffset EvidenceTime(CheckContext context) =>
            context.Evidence.CollectedAt is DateTimeOffset collected && collected < context.Now ? collected : context.Now;

        private static string ErrorSuffix(string? error) => string.IsNullOrEmpty(error) ? string.Empty : $"; last delivery error: {error}";

        private static string Age(double hours) =>
            hours < 48
                ? string.Format(CultureInfo.InvariantCulture, "{0:0.#} hours", hours)
                : string.Format(CultureInfo.InvariantCulture, "{0:0} days", Math.Floor(hours / 24));
    }
}
