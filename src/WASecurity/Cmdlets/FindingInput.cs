using System;
using System.Collections.Generic;
using System.IO;
using System.Management.Automation;
using WASecurity.Reports;

namespace WASecurity.Cmdlets
{
    /// <summary>
    /// Turns what a user hands a cmdlet (findings, or paths of JSON reports, or files from Get-ChildItem) into
    /// findings; a report that cannot be read is an error record naming the file.
    /// </summary>
    internal static class FindingInput
    {
        public static IEnumerable<Finding> Resolve(PSCmdlet cmdlet, object? input, string parameterName)
        {
            var value = input is PSObject ps ? ps.BaseObject : input;
            switch (value)
            {
                case null:
                    yield break;
                case Finding finding:
                    yield return finding;
                    yield break;
                case FileInfo file:
                    foreach (var f in Read(cmdlet, file.FullName))
                    {
                        yield return f;
                    }

                    yield break;
                case string path:
                    foreach (var resolved in ResolvePaths(cmdlet, path))
                    {
                        foreach (var f in Read(cmdlet, resolved))
                        {
                            yield return f;
                        }
                    }

                    yield break;
                case System.Collections.IEnumerable sequence:
                    foreach (var item in sequence)
                    {
                        foreach (var f in Resolve(cmdlet, item, parameterName))
                        {
                            yield return f;
                        }
                    }

                    yield break;
                default:
                    // A deserialized finding (jobs, remoting, Import-Clixml) or one read with ConvertFrom-Json.
                    if (input is PSObject bag && FindingTransformationAttribute.TryFromPSObject(bag, out var converted))
                    {
                        yield return converted;
                        yield break;
                    }

                    cmdlet.WriteError(SafeOutput.Error(
                        new ArgumentException($"-{parameterName} takes WASecurity findings or paths of JSON reports, not a {value.GetType().FullName}."),
                        ErrorIds.InvalidArgument,
                        ErrorCategory.InvalidArgument,
                        value));
                    yield break;
            }
        }

        /// <summary>Resolves a path with wildcards to files; a path that matches nothing is a non-terminating error.</summary>
        public static IReadOnlyList<string> ResolvePaths(PSCmdlet cmdlet, string path)
        {
            try
            {
                var resolved = cmdlet.GetResolvedProviderPathFromPSPath(path, out var provider);
                if (provider.Name != "FileSystem")
                {
                    throw new ItemNotFoundException($"'{path}' is not a file-system path.");
                }

                return resolved;
            }
            catch (ItemNotFoundException e)
            {
                cmdlet.WriteError(SafeOutput.Error(
                    new FileNotFoundException($"The report '{path}' does not exist.", path, e),
                    ErrorIds.ReportNotFound,
                    ErrorCategory.ObjectNotFound,
                    path));
                return Array.Empty<string>();
            }
        }

        /// <summary>The findings of one JSON report, or none with an error record naming the file.</summary>
        public static IReadOnlyList<Finding> Read(PSCmdlet cmdlet, string path)
        {
            try
            {
                return JsonReport.Read(path);
            }
            catch (InvalidDataException e)
            {
                cmdlet.WriteError(SafeOutput.Error(e, ErrorIds.InvalidReport, ErrorCategory.InvalidData, path));
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                cmdlet.WriteError(SafeOutput.Error(
                    new IOException($"Cannot read the report '{path}': {e.Message}", e),
                    e is FileNotFoundException ? ErrorIds.ReportNotFound : ErrorIds.InvalidReport,
                    e is FileNotFoundException ? ErrorCategory.ObjectNotFound : ErrorCategory.ReadError,
                    path));
            }

            return Array.Empty<Finding>();
        }
    }
}
