using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using WASecurity.Checks.Iam;

namespace WASecurity.Checks.Sec03
{
    /// <summary>SEC 3 access-key checks, all from the IAM credential report (one finding per user with an active key).</summary>
    internal sealed partial class Sec03AutomatedAccess
    {
        /// <summary>
        /// How close to the user's creation a key must have been created to count as "created at user setup". The
        /// console's user wizard and provisioning scripts create the key seconds after the user; ten minutes leaves
        /// room for a slow wizard without catching keys added later on purpose.
        /// </summary>
        internal static readonly TimeSpan SetupWindow = TimeSpan.FromMinutes(10);

        private static Task<IEnumerable<Finding>> AccessKeysRotatedAsync(CheckContext context, CancellationToken cancellationToken)
        {
            var check = Sec03Catalog.AccessKeysRotated;
            var limit = context.Settings.GetInt(Sec03Catalog.AccessKeyMaxAgeDays);
            return ForEachUserWithActiveKeysAsync(context, check, cancellationToken, (user, keys) =>
            {
                var undated = keys.FirstOrDefault(k => !k.LastRotated.Time.HasValue);
                if (undated != null)
                {
                    return UserFinding(context, check, user, FindingStatus.Error, $"Could not verify: the credential report gives no creation time for active access key {undated.Number} of {user.User} ('{undated.LastRotated.Raw}').");
                }

                var ages = keys.Select(k => (Key: k, Days: UserAccessKey.DaysBetween(k.LastRotated.Time!.Value, context.Now))).ToList();
                var old = ages.Where(a => a.Days > limit).ToList();
                var finding = old.Count > 0
                    ? UserFinding(context, check, user, FindingStatus.Fail, $"{Describe(old, user.User, "was last rotated")} (limit {limit}).")
                    : UserFinding(context, check, user, FindingStatus.Pass, $"{Describe(ages, user.User, "was last rotated")}, within the {limit}-day limit.");
                foreach (var (key, days) in ages)
                {
                    finding.With($"AccessKey{key.Number}LastRotated", key.LastRotated.Raw).With($"AccessKey{key.Number}AgeDays", days);
                }

                return finding.With("MaxAgeDays", limit);
            });
        }

        private static Task<IEnumerable<Finding>> OneActiveAccessKeyAsync(CheckContext context, CancellationToken cancellationToken)
        {
            var check = Sec03Catalog.OneActiveAccessKey;
            return ForEachUserWithActiveKeysAsync(context, check, cancellationToken, (user, keys) =>
            {
                var finding = keys.Count > 1
                    ? UserFinding(context, check, user, FindingStatus.Fail, $"{user.User} has two active access keys (key 1 {LastUse(keys[0])}, key 2 {LastUse(keys[1])}).")
                    : UserFinding(context, check, user, FindingStatus.Pass, $"{user.User} has one active access key (key {keys[0].Number}).");
                return finding.With("ActiveAccessKeys", keys.Count)
                    .With("AccessKey1LastUsed", user.AccessKey1LastUsed.Raw)
                    .With("AccessKey2LastUsed", user.AccessKey2LastUsed.Raw);
            });

            string LastUse(UserAccessKey key) => key.LastUsed.Time.HasValue
                ? $"last used {Days(UserAccessKey.DaysBetween(key.LastUsed.Time.Value, context.Now))} ago"
                : "never used";
        }

        private static Task<IEnumerable<Finding>> NoAccessKeysAtSetupAsync(CheckContext context, CancellationToken cancellationToken)
        {
            var check = Sec03Catalog.NoAccessKeysAtSetup;
            return ForEachUserWithActiveKeysAsync(context, check, cancellationToken, (user, keys) =>
            {
                var created = user.UserCreationTime.Time;
                if (!created.HasValue)
                {
                    return UserFinding(context, check, user, FindingStatus.Error, $"Could not verify: the credential report gives no creation time for {user.User} ('{user.UserCreationTime.Raw}').");
                }

                var atSetup = keys
                    .Where(k => k.NeverUsed && k.LastRotated.Time.HasValue && (k.LastRotated.Time.Value - created.Value).Duration() <= SetupWindow)
                    .ToList();
                var finding = atSetup.Count > 0
                    ? UserFinding(context, check, user, FindingStatus.Fail, $"{(atSetup.Count == 1 ? $"Access key {atSetup[0].Number} of {user.User} was" : $"Access keys 1 and 2 of {user.User} were")} created with the user on {created.Value.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)} and never used.")
                    : UserFinding(context, check, user, FindingStatus.Pass, $"No active access key of {user.User} is an unused key created with the user.");
                foreach (var key in keys)
                {
                    finding.With($"AccessKey{key.Number}LastRotated", key.LastRotated.Raw).With($"AccessKey{key.Number}LastUsed", key.LastUsed.Raw);
                }

                return finding.With("UserCreationTime", user.UserCreationTime.Raw).With("PasswordEnabled", user.PasswordEnabled);
            });
        }

        private static Task<IEnumerable<Finding>> AccessKeysUsedRecentlyAsync(CheckContext context, CancellationToken cancellationToken)
        {
            var check = Sec03Catalog.AccessKeysUsedRecently;
            var window = context.Settings.GetInt(Sec03Catalog.AccessKeyUnusedDays);
            return ForEachUserWithActiveKeysAsync(context, check, cancellationToken, (user, keys) =>
            {
                // A key never used has been idle since it was created: a fresh key is not yet "unused".
                var idle = new List<(UserAccessKey Key, int Days)>();
                foreach (var key in keys)
                {
                    var since = key.LastUsed.Time ?? key.LastRotated.Time;
                    if (!since.HasValue)
                    {
                        return UserFinding(context, check, user, FindingStatus.Error, $"Could not verify: the credential report gives neither a last-used nor a creation time for active access key {key.Number} of {user.User}.");
                    }

                    idle.Add((key, UserAccessKey.DaysBetween(since.Value, context.Now)));
                }

                var unused = idle.Where(i => i.Days >= window).ToList();
                var finding = unused.Count > 0
                    ? UserFinding(context, check, user, FindingStatus.Fail, $"{string.Join("; ", unused.Select(u => Idle(u.Key, u.Days, user.User)))} (window {window} days).")
                    : UserFinding(context, check, user, FindingStatus.Pass, $"{string.Join("; ", idle.Select(u => Idle(u.Key, u.Days, user.User)))}, within the {window}-day window.");
                foreach (var (key, days) in idle)
                {
                    finding.With($"AccessKey{key.Number}LastUsed", key.LastUsed.Raw).With($"AccessKey{key.Number}IdleDays", days);
                }

                return finding.With("WindowDays", window);
            });

            static string Idle(UserAccessKey key, int days, string user) => key.NeverUsed
                ? $"Access key {key.Number} of {user} has never been used since it was created {Days(days)} ago"
                : $"Access key {key.Number} of {user} was last used {Days(days)} ago";
        }

        /// <summary>
        /// One finding per IAM user with at least one active key; one account-level Pass when no user has one, one
        /// account-level Error when the report is unavailable.
        /// </summary>
        private static async Task<IEnumerable<Finding>> ForEachUserWithActiveKeysAsync(
            CheckContext context,
            CheckDefinition check,
            CancellationToken cancellationToken,
            Func<CredentialReportEntry, IReadOnlyList<UserAccessKey>, Finding> judge)
        {
            var report = await IamEvidence.GetCredentialReportAsync(context, cancellationToken).ConfigureAwait(false);
            if (report.Value == null)
            {
                return context.ErrorFinding(check, report.Response).AsEnumerable();
            }

            var findings = new List<Finding>();
            foreach (var user in report.Value.Users)
            {
                var keys = UserAccessKey.ActiveKeys(user);
                if (keys.Count > 0)
                {
                    findings.Add(judge(user, keys));
                }
            }

            if (findings.Count == 0)
            {
                var users = report.Value.Users.Count();
                findings.Add(context.AccountFinding(check, FindingStatus.Pass, $"None of the account's {users} IAM user(s) has an active access key.").With("Users", users));
            }

            return findings;
        }

        private static Finding UserFinding(CheckContext context, CheckDefinition check, CredentialReportEntry user, FindingStatus status, string reason) =>
            context.NewFinding(check, status, user.User, reason, resourceArn: user.Arn).WithProperty("UserName", user.User);

        /// <summary>"Access key 1 of bob was last rotated 412 days ago" or "Access keys 1 and 2 of bob were … 412 and 30 days ago".</summary>
        private static string Describe(IReadOnlyList<(UserAccessKey Key, int Days)> keys, string user, string verb) =>
            keys.Count == 1
                ? $"Access key {keys[0].Key.Number} of {user} {verb} {Days(keys[0].Days)} ago"
                : $"Access keys 1 and 2 of {user} {verb.Replace("was ", "were ")} {keys[0].Days} and {Days(keys[1].Days)} ago";
    }
}
