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
        internal const int QueueCapacity = 256;

        /// <summary>
        /// The run a piece of work belongs to, carried along its async flow: work that outlives its run (after a stop)
        /// still finds its own, ended run, never the next one's queue and never the calling thread.
        /// </summary>
        private static readonly AsyncLocal<Session?> Current = new AsyncLocal<Session?>();

        private readonly int _pipelineThread = Environment.CurrentManagedThreadId;
        private readonly TimeSpan _stopGrace;

        /// <param name="stopGrace">How long a stop waits for the work to end before the pipeline moves on without it.</param>
        public PipelineDispatcher(TimeSpan? stopGrace = null) => _stopGrace = stopGrace ?? TimeSpan.FromSeconds(5);

        /// <summary>
        /// Runs <paramref name="action"/> on the pipeline thread: now if this is it, else when the pipeline thread drains
        /// the queue of the work this call comes from. From any other thread it is a bug, and throws: nothing is ever run
        /// on the calling thread instead.
        /// </summary>
        public void Post(Action action)
        {
            if (Environment.CurrentManagedThreadId == _pipelineThread)
            {
                action();
                return;
            }
            var session = Current.Value;
            if (session is null || session.Owner != this)
                throw new InvalidOperationException("A pipeline write was posted from a thread that runs no work of this command; PowerShell allows writes only on the pipeline thread.");
            session.Add(action);
        }

        public T Run<T>(Func<CancellationToken, Task<T>> work, CancellationToken cancellationToken)
        {
            if (Environment.CurrentManagedThreadId != _pipelineThread)
                throw new InvalidOperationException("Async work must be started from the pipeline thread, which then writes what it posts.");
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var session = new Session(this);
            var task = Task.Run(() =>
            {
                Current.Value = session;
                return work(linked.Token);
            }, linked.Token);
            task.ContinueWith(_ => session.Complete(), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            try
            {
                foreach (var action in session.Drain()) action();
            }
            catch
            {
                // Typically PipelineStoppedException from a downstream Select-Object -First: stop the work too.
                session.Stop(); // releases a producer blocked on a full queue; what it posts from now on is dropped
                linked.Cancel();
                try { task.Wait(_stopGrace); } catch (AggregateException) { }
                throw;
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

        /// <summary>One call of <see cref="Run{T}"/>: its queue, and whether the pipeline has stopped listening.</summary>
        private sealed class Session
        {
            private readonly BlockingCollection<Action> _queue = new BlockingCollection<Action>(QueueCapacity);
            private volatile bool _stopped;

            public Session(PipelineDispatcher owner) => Owner = owner;

            public PipelineDispatcher Owner { get; }

            public void Add(Action action)
            {
                if (_stopped) return;
                try
                {
                    _queue.Add(action);
                }
                catch (InvalidOperationException) when (_stopped)
                {
                    // The pipeline stopped while this waited for room: the work is being cancelled, its output is not wanted.
                }
                catch (InvalidOperationException e)
                {
                    throw new InvalidOperationException("A pipeline write was posted after its work had ended; it would never be written.", e);
                }
            }

            public System.Collections.Generic.IEnumerable<Action> Drain() => _queue.GetConsumingEnumerable();

            public void Complete() => _queue.CompleteAdding();

            public void Stop()
            {
                _stopped = true;
                _queue.CompleteAdding();
            }
        }
    }
}
