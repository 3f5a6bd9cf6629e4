using System.Collections.Generic;

namespace WASecurity.Aws
{
    /// <summary>
    /// Items waiting their turn: the lowest priority first, first in first out among equals, and any item may leave
    /// before its turn. Not thread-safe: <see cref="RequestGate"/> and <see cref="CpuLane"/> use it under their lock.
    /// </summary>
    internal sealed class PriorityLine<T>
    {
        private readonly SortedDictionary<int, LinkedList<T>> _queues = new SortedDictionary<int, LinkedList<T>>();

        /// <summary>Whether any item waits.</summary>
        public bool Any => _queues.Count > 0;

        /// <summary>Queues <paramref name="item"/> behind every item of its priority; the node lets it leave early.</summary>
        public LinkedListNode<T> Add(int priority, T item)
        {
            if (!_queues.TryGetValue(priority, out var queue))
            {
                queue = new LinkedList<T>();
                _queues.Add(priority, queue);
            }

            return queue.AddLast(item);
        }

        /// <summary>Takes the item whose turn it is (there must be one: see <see cref="Any"/>).</summary>
        public T Take()
        {
            using (var first = _queues.GetEnumerator())
            {
                first.MoveNext();
                var queue = first.Current.Value;
                var next = queue.First!.Value;
                queue.RemoveFirst();
                if (queue.Count == 0)
                {
                    _queues.Remove(first.Current.Key);
                }

                return next;
            }
        }

        /// <summary>Takes an item of priority <paramref name="priority"/> out of the line before its turn.</summary>
        public void Remove(int priority, LinkedListNode<T> node)
        {
            var queue = node.List!;
            queue.Remove(node);
            if (queue.Count == 0)
            {
                _queues.Remove(priority);
            }
        }
    }
}
