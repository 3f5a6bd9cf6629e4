using System.IO;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace WASecurity.Reports
{
    /// <summary>
    /// The ASFF report: a JSON array of AWS Security Finding Format objects, one per finding, in the shape
    /// Security Hub's BatchImportFindings takes as <c>Findings</c> (import at most 100 per call). A global finding's
    /// product ARN and resource region are us-east-1 (see <see cref="AsffFinding"/>); Send-WASFinding sends them to the
    /// region it is given instead.
    /// </summary>
    internal static class AsffReport
    {
        public static void Write(ReportRun run, Stream stream)
        {
            var findings = new JsonArray();
            foreach (var finding in AsffFinding.FromAll(run.Findings))
            {
                findings.Add(finding);
            }

            using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = JsonValueWriter.Encoder }))
            {
                findings.WriteTo(writer);
            }
        }
    }
}
