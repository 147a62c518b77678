using System;
using System.Collections.Concurrent;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;

namespace Sixtyfour.Commands
{
    /// <summary>
    /// Runs async work off the pipeline thread while the pipeline thread executes what the work posts (WriteObject,
    /// WriteProgress, WriteVerbose…): PowerShell allows those calls only from the thread that called ProcessRecord.
    /// </summary>
    internal sealed class PipelineDispatcher
    {
        /// <summary>Bounded, so a fast producer (batches of rows of a large result) waits for the pipeline instead of filling memory.</summary>
        private const int QueueCapacity = 256;

        private readonly int _pipelineThread = Thread.CurrentThread.ManagedThreadId;
        private BlockingCollection<Action>? _queue;

        /// <summary>Runs <paramref name="action"/> on the pipeline thread: now if this is it, else when the pipeline thread drains the queue.</summary>
        public void Post(Action action)
        {
            var queue = _queue;
            if (queue is null || Thread.CurrentThread.ManagedThreadId == _pipelineThread)
            {
                action();
                return;
            }
            try { queue.Add(action); }
            catch (InvalidOperationException) { /* the work has ended; nobody is left to show this */ }
        }

        public T Run<T>(Func<CancellationToken, Task<T>> work, CancellationToken cancellationToken)
        {
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            using var queue = new BlockingCollection<Action>(QueueCapacity);
            _queue = queue;
            var task = Task.Run(() => work(linked.Token), linked.Token);
            task.ContinueWith(_ => queue.CompleteAdding(), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            try
            {
                foreach (var action in queue.GetConsumingEnumerable()) action();
            }
            catch
            {
                // Typically PipelineStoppedException from a downstream Select-Object -First: stop the work too.
                linked.Cancel();
                queue.CompleteAdding(); // releases a producer blocked on a full queue
                try { task.Wait(TimeSpan.FromSeconds(5)); } catch (AggregateException) { }
                throw;
            }
            finally
            {
                _queue = null;
            }
            try
            {
                return task.GetAwaiter().GetResult();
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                throw new PipelineStoppedException();
            }
        }
    }
}
