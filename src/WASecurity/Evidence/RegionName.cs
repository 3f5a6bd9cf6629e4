using System.Text.RegularExpressions;

namespace WASecurity.Evidence
{
    /// <summary>
    /// The shape of an AWS region name (us-east-1, us-gov-west-1, eusc-de-east-1): the same shape a live run
    /// requires of -Region, so a typo fails the same way offline as live. New regions keep the shape.
    /// </summary>
    internal static class RegionName
    {
        private static readonly Regex Shape = new Regex("^[a-z]{2,5}(-[a-z0-9]+)+-[0-9]{1,2}$", RegexOptions.CultureInvariant);

        public static bool IsValid(string? value) => value != null && Shape.IsMatch(value);
    }
}
