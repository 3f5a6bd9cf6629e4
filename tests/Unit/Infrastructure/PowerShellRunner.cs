using System;
using System.Collections;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Runspaces;

namespace WASecurity.Tests.Infrastructure
{
    /// <summary>Runs the module's cmdlets in-process, as a user would type them, and returns every stream.</summary>
    public sealed class PowerShellRunner
    {
        /// <summary>Runs a script in a fresh runspace with the module imported from the test output.</summary>
        public static PowerShellResult Run(string script, IDictionary<string, object?>? variables = null)
        {
            var state = InitialSessionState.CreateDefault2();
            if (OperatingSystem.IsWindows())
            {
                state.ExecutionPolicy = Microsoft.PowerShell.ExecutionPolicy.Bypass;
            }
            state.ImportPSModule(new[] { System.IO.Path.Combine(System.IO.Path.GetDirectoryName(typeof(WASecurity.Finding).Assembly.Location)!, "WASecurity.psd1") });
            using var runspace = RunspaceFactory.CreateRunspace(state);
            runspace.Open();
            foreach (var variable in variables ?? new Dictionary<string, object?>())
            {
                runspace.SessionStateProxy.SetVariable(variable.Key, variable.Value);
            }

            using var shell = PowerShell.Create();
            shell.Runspace = runspace;
            shell.AddScript(script);
            Collection<PSObject> output;
            Exception? terminating = null;
            try
            {
                output = shell.Invoke();
            }
            catch (RuntimeException e)
            {
                output = new Collection<PSObject>();
                terminating = e;
            }

            return new PowerShellResult(
                output.ToList(),
                shell.Streams.Error.ToList(),
                shell.Streams.Warning.Select(w => w.Message).ToList(),
                shell.Streams.Debug.Select(d => d.Message).ToList(),
                shell.Streams.Verbose.Select(v => v.Message).ToList(),
                terminating);
        }
    }

    public sealed class PowerShellResult
    {
        public PowerShellResult(List<PSObject> output, List<ErrorRecord> errors, List<string> warnings, List<string> debug, List<string> verbose, Exception? terminating)
        {
            Output = output;
            Errors = errors;
            Warnings = warnings;
            Debug = debug;
            Verbose = verbose;
            Terminating = terminating;
        }

        public List<PSObject> Output { get; }
        public List<ErrorRecord> Errors { get; }
        public List<string> Warnings { get; }
        public List<string> Debug { get; }
        public List<string> Verbose { get; }

        /// <summary>The terminating error, if the script ended with one.</summary>
        public Exception? Terminating { get; }

        /// <summary>The error record of the terminating error or the first non-terminating one.</summary>
        public ErrorRecord? FirstError => (Terminating as IContainsErrorRecord)?.ErrorRecord ?? Errors.FirstOrDefault();

        public IReadOnlyList<Finding> Findings => Output.Select(o => o.BaseObject).OfType<Finding>().ToList();

        /// <summary>Everything the run printed, for leak checks.</summary>
        public string AllText =>
            string.Join("\n", Output.Select(o => o?.ToString()))
            + string.Join("\n", Errors.Select(e => e.ToString()))
            + string.Join("\n", Warnings.Concat(Debug).Concat(Verbose))
            + (Terminating?.ToString() ?? string.Empty);

        /// <summary>Throws with every error when the script did not run cleanly.</summary>
        public PowerShellResult AssertNoErrors()
        {
            if (Terminating != null || Errors.Count > 0)
            {
                throw new Xunit.Sdk.XunitException("The script failed:\n" + (Terminating?.ToString() ?? string.Empty) + string.Join("\n", Errors.Select(e => e.ToString())));
            }

            return this;
        }
    }
}
