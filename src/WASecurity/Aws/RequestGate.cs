using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using WASecurity.Evidence;

namespace WASecurity.Aws
{
    /// <summary>
    /// Bounds the requests in flight to -ThrottleLimit, and when requests wait, lets the most urgent go first: the one
    /// with the lowest <see cref="RequestPriority.Current"/> (the catalog position of the question that asked for it), in the order
    /// asked among equals. All questions start at once, so without this the first question's few calls would queue
    /// behind every other question's hundreds, and its findings (the first on the pipeline) would come last.
    /// </summary>
    internal sealed class RequestGate
    {
        private readonly object _lock = new object();
        private readonly SortedDictionary<int, LinkedList<Waiter>> _waiting = new SortedDictionary<int, LinkedList<Waiter>>();
        private int _free;

        public RequestGate(int limit)
        {
            Limit = Math.Max(1, limit);
            _free = Limit;
        }

        /// <summary>Requests that may be in flight at once.</summary>
        public int Limit { get; }

        /// <summary>Waits for a free place (in priority order); Ctrl+C ends the wait with <see cref="OperationCanceledException"/>.</summary>
        public Task WaitAsync(CancellationToken cancellationToken)
        {
            cancellationToken.ThrowIfCancellationRequested();
            Waiter waiter;
            lock (_lock)
            {
                if (_free > 0)
                {
                    _free--;
                    return Task.CompletedTask;
                }

                var priority = RequestPriority.Current;
                if (!_waiting.TryGetValue(priority, out var queue))
                {
                    queue = new LinkedList<Waiter>();
                    _waiting.Add(priority, queue);
                }

                waiter = new Waiter(priority);
                waiter.Node = queue.AddLast(waiter);
            }

            if (!cancellationToken.CanBeCanceled)
            {
                return waiter.Task;
            }

            // Unregistered once the wait ends: a run waits thousands of times on one token.
            return WaitThenUnregisterAsync(waiter.Task, cancellationToken.Register(() => Cancel(waiter, cancellationToken)));
        }

        private static async Task WaitThenUnregisterAsync(Task wait, CancellationTokenRegistration registration)
        {
            using (registration)
            {
                await wait.ConfigureAwait(false);
            }
        }

        /// <summary>Gives the place back: to the most urgent waiter, or to the pool.</summary>
        public void Release()
        {
            Waiter? next = null;
            lock (_lock)
            {
                foreach (var entry in _waiting)
                {
                    var queue = entry.Value;
                    next = queue.First!.Value;
                    queue.RemoveFirst();
                    next.Node = null;
                    if (queue.Count == 0)
                    {
                        _waiting.Remove(entry.Key);
                    }

                    break;
                }

                if (next == null)
                {
                    _free = Math.Min(Limit, _free + 1);
                    return;
                }
            }

            next.Grant();
        }

        private void Cancel(Waiter waiter, CancellationToken cancellationToken)
        {
            lock (_lock)
            {
                if (waiter.Node == null)
                {
                    // Already granted: the caller holds the place and releases it as usual.
                    return;
                }

                var queue = waiter.Node.List!;
                queue.Remove(waiter.Node);
                waiter.Node = null;
                if (queue.Count == 0)
                {
                    _waiting.Remove(waiter.Priority);
                }
            }

            waiter.Cancel(cancellationToken);
        }

        private sealed class Waiter
        {
            private readonly TaskCompletionSource<bool> _completion = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);

            public Waiter(int priority) => Priority = priority;

            public int Priority { get; }

            public LinkedListNode<Waiter>? Node { get; set; }

            public Task Task => _completion.Task;

            public void Grant() => _completion.TrySetResult(true);

            public void Cancel(CancellationToken cancellationToken) => _completion.TrySetCanceled(cancellationToken);
        }
    }
}
