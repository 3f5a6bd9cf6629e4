using System;
using System.Runtime.CompilerServices;
using System.Threading;
using WASecurity.Evidence;

namespace WASecurity.Aws
{
    /// <summary>
    /// Threads of the module's own for reading answers and judging them, apart from the thread pool that runs the
    /// network's continuations. On a busy machine the pool's queue is first in, first out: an answer that has arrived,
    /// and the place under -ThrottleLimit it holds, would wait behind every answer queued before it to be parsed.
    /// Work moved here with <c>await CpuLane.Enter()</c> shares the cores with the network's continuations instead
    /// of queueing in front of them, so the next requests go out while earlier answers are read.
    /// Nothing on these threads may wait synchronously for an answer (every answer comes through here): the module's
    /// code awaits, and the few synchronous waits it has (credentials refreshed by the SDK) never pass this way.
    /// </summary>
    internal static class CpuLane
    {
        private static readonly object Lock = new object();

        /// <summary>
        /// Waiting continuations by the catalog position of the question that asked (<see cref="RequestPriority.Current"/>
        /// without the offset of per-resource calls): findings are handed over in question order, so the earliest
        /// question's answers are read first, its per-resource ones included.
        /// </summary>
        private static readonly PriorityLine<Action> Work = new PriorityLine<Action>();

        [ThreadStatic]
        private static bool onLane;

        /// <summary>The lane's threads: one per core.</summary>
        internal static readonly int ThreadCount = Math.Max(1, Environment.ProcessorCount);

        static CpuLane()
        {
            for (var i = 0; i < ThreadCount; i++)
            {
                new Thread(Loop) { IsBackground = true, Name = "WASecurity answers " + i }.Start();
            }
        }

        /// <summary>Continues on a lane thread (at once when already on one).</summary>
        public static LaneAwaitable Enter() => default;

        private static void Add(Action continuation)
        {
            var priority = RequestPriority.Current % RequestPriority.PerResource;
            lock (Lock)
            {
                Work.Add(priority, continuation);
                Monitor.Pulse(Lock);
            }
        }

        private static Action Take()
        {
            lock (Lock)
            {
                while (!Work.Any)
                {
                    Monitor.Wait(Lock);
                }

                return Work.Take();
            }
        }

        private static void Loop()
        {
            onLane = true;
            while (true)
            {
                try
                {
                    Take()();
                }
                catch (Exception)
                {
                    // Only await continuations come here, and an async method keeps its exception in its task, for
                    // its awaiter. Whatever else throws must not take the thread every later answer needs.
                }
            }
        }

        internal readonly struct LaneAwaitable : ICriticalNotifyCompletion
        {
            public bool IsCompleted => onLane;

            public LaneAwaitable GetAwaiter() => this;

            public void GetResult()
            {
            }

            public void OnCompleted(Action continuation)
            {
                var context = ExecutionContext.Capture();
                Add(context == null ? continuation : () => ExecutionContext.Run(context, state => ((Action)state!)(), continuation));
            }

            public void UnsafeOnCompleted(Action continuation) => Add(continuation);
        }
    }
}
