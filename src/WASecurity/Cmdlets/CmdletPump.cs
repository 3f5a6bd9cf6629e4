using System;
using System.Collections.Concurrent;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;

namespace WASecurity.Cmdlets
{
    /// <summary>
    /// The one blocking boundary between async work and the pipeline thread: background code posts output,
    /// warnings, debug messages and progress here; the cmdlet thread writes them as they arrive. Messages often
    /// carry AWS error text, so they are written with control characters escaped (<see cref="SafeOutput"/>).
    /// </summary>
    internal sealed class CmdletPump
    {
        private readonly BlockingCollection<Action<Cmdlet>> _queue = new BlockingCollection<Action<Cmdlet>>();

        public void Post(Action<Cmdlet> write) => _queue.Add(write);

        public void WriteObject(object value) => Post(c => c.WriteObject(value));

        public void WriteWarning(string message) => Post(c => c.WriteWarning(SafeOutput.Message(message)));

        public void WriteDebug(string message) => Post(c => c.WriteDebug(SafeOutput.Message(message)));

        public void WriteVerbose(string message) => Post(c => c.WriteVerbose(SafeOutput.Message(message)));

        public void WriteProgress(ProgressRecord record) => Post(c => c.WriteProgress(record));

        /// <summary>Runs <paramref name="work"/> off the pipeline thread, writing what it posts until it ends; rethrows its exception.</summary>
        public void Run(Cmdlet cmdlet, Func<Task> work)
        {
            var task = Task.Run(async () =>
            {
                try
                {
                    await work().ConfigureAwait(false);
                }
                finally
                {
                    _queue.CompleteAdding();
                }
            });

            foreach (var write in _queue.GetConsumingEnumerable())
            {
                write(cmdlet);
            }

            task.GetAwaiter().GetResult();
        }
    }
}
