using System.IO;
using System.Text;
using System.Text.Json;

namespace WASecurity.Reports
{
    /// <summary>
    /// The OCSF report: JSON lines, one OCSF 1.1.0 Compliance Finding event per finding (see <see cref="OcsfFinding"/>),
    /// each line a complete JSON object ending in '\n', as security data lakes (Amazon Security Lake among them) ingest them.
    /// </summary>
    internal static class OcsfReport
    {
        private static readonly byte[] NewLine = Encoding.UTF8.GetBytes("\n");

        public static void Write(ReportRun run, Stream stream)
        {
            var ids = AsffFinding.UniqueIds(run.Findings);
            for (var i = 0; i < run.Findings.Count; i++)
            {
                using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = false, Encoder = JsonValueWriter.Encoder }))
                {
                    OcsfFinding.From(run.Findings[i], run.ToolVersion, ids[i]).WriteTo(writer);
                }

                stream.Write(NewLine, 0, NewLine.Length);
            }
        }
    }
}
