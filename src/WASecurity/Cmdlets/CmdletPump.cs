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

        /// <summary>
        /// Runs <paramref name="work"/> off the pipeline thread, writing what it posts until it ends; rethrows its
        /// exception. When <paramref name="cancellationToken"/> fires (Ctrl+C) the pipeline thread stops waiting at
        /// once, even while the work is busy computing rather than waiting on AWS, and nothing more is written.
        /// </summary>
        public void Run(Cmdlet cmdlet, Func<Task> work, CancellationToken cancellationToken = default)
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

            try
            {
                foreach (var write in _queue.GetConsumingEnumerable(cancellationToken))
                {
                    write(cmdlet);
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                // The work observes the same token between checks and calls; give it a moment to wind down so
                // it does not outlive the evidence source, then leave it.
                try
                {
                    task.Wait(StopGrace);
                }
                catch (AggregateException)
                {
                }

                throw;
            }

            task.GetAwaiter().GetResult();
        }

        /// <summary>How long a stopped run waits for its background work before returning to the prompt.</summary>
        internal static readonly TimeSpan StopGrace = TimeSpan.FromMilliseconds(500);
    }
}
