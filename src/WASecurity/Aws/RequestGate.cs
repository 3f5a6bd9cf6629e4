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
        private readonly PriorityLine<Waiter> _waiting = new PriorityLine<Waiter>();
        private int _limit;
        private int _inUse;

        public RequestGate(int limit)
        {
            _limit = Math.Max(1, limit);
        }

        /// <summary>
        /// Requests that may be in flight at once (at least 1). Lowering it takes no place back: places in use are
        /// given back as usual, and no waiter is let in until fewer than the new limit are in use.
        /// </summary>
        public int Limit
        {
            get
            {
                lock (_lock)
                {
                    return _limit;
                }
            }

            set
            {
                List<Waiter>? granted;
                lock (_lock)
                {
                    _limit = Math.Max(1, value);
                    granted = TakeWaiters();
                }

                granted?.ForEach(w => w.Grant());
            }
        }

        /// <summary>Places in use now.</summary>
        public int InUse
        {
            get
            {
                lock (_lock)
                {
                    return _inUse;
                }
            }
        }

        /// <summary>Waits for a free place (in priority order); Ctrl+C ends the wait with <see cref="OperationCanceledException"/>.</summary>
        public Task WaitAsync(CancellationToken cancellationToken)
        {
            cancellationToken.ThrowIfCancellationRequested();
            Waiter waiter;
            lock (_lock)
            {
                if (_inUse < _limit)
                {
                    _inUse++;
                    return Task.CompletedTask;
                }

                waiter = new Waiter(RequestPriority.Current);
                waiter.Node = _waiting.Add(waiter.Priority, waiter);
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

        /// <summary>Gives the place back: to the most urgent waiter (while fewer than <see cref="Limit"/> are in use), or to the pool.</summary>
        public void Release()
        {
            List<Waiter>? granted;
            lock (_lock)
            {
                _inUse = Math.Max(0, _inUse - 1);
                granted = TakeWaiters();
            }

            granted?.ForEach(w => w.Grant());
        }

        /// <summary>
        /// Takes the most urgent waiters off their queues while places are free, or returns null when none is let in
        /// (the common case: no list is made for each request); the caller grants them outside the lock.
        /// </summary>
        private List<Waiter>? TakeWaiters()
        {
            List<Waiter>? granted = null;
            while (_inUse < _limit && _waiting.Any)
            {
                var next = _waiting.Take();
                next.Node = null;
                _inUse++;
                (granted ??= new List<Waiter>(1)).Add(next);
            }

            return granted;
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

                _waiting.Remove(waiter.Priority, waiter.Node);
                waiter.Node = null;
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
