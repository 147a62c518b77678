using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;

namespace Sixtyfour.Commands
{
    /// <summary>
    /// Runs async work while the pipeline thread executes what the work posts (WriteObject, WriteProgress,
    /// WriteVerbose, ShouldProcess…): PowerShell allows those calls only from the thread that called ProcessRecord.
    /// </summary>
    internal sealed class PipelineDispatcher
    {
        /// <summary>
        /// Bounded, so a fast producer (a long list of runs or links, written as it is read) waits for the pipeline
        /// instead of filling memory. Small, so what is in flight dies young: when result rows still came this way, a
        /// queue of 256 let them outlive gen0 and made one GC in six a full one.
        /// </summary>
        internal const int QueueCapacity = 16;

        /// <summary>
        /// The run a piece of work belongs to, carried along its async flow: work that outlives its run (after a stop)
        /// still finds its own, ended run, never the next one's queue and never the calling thread.
        /// </summary>
        private static readonly AsyncLocal<Session?> Current = new AsyncLocal<Session?>();

        private readonly int _pipelineThread = Environment.CurrentManagedThreadId;
        private readonly TimeSpan _stopGrace;

        /// <param name="stopGrace">How long a stop waits for the work to end before the pipeline moves on without it.</param>
        public PipelineDispatcher(TimeSpan? stopGrace = null) => _stopGrace = stopGrace ?? TimeSpan.FromSeconds(5);

        private bool OnPipelineThread => Environment.CurrentManagedThreadId == _pipelineThread;

        /// <summary>
        /// Runs <paramref name="action"/> on the pipeline thread: now if this is it, else when the pipeline thread drains
        /// the queue of the work this call comes from. From any other thread it is a bug, and throws: nothing is ever run
        /// on the calling thread instead.
        /// </summary>
        public void Post(Action action)
        {
            if (OnPipelineThread) action();
            else CurrentSession().Add(action);
        }

        /// <summary>
        /// Runs <paramref name="function"/> on the pipeline thread and gives its answer to the async work that asked
        /// (ShouldProcess, a provider path). A stop (Ctrl+C, a downstream stop) cancels the wait, and a question still
        /// queued then is never asked.
        /// </summary>
        public Task<T> Invoke<T>(Func<T> function)
        {
            if (OnPipelineThread) return Task.FromResult(function());
            var session = CurrentSession();
            // Asynchronous continuations: the work must not go on on the pipeline thread, which is draining the queue.
            var answer = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
            // Registered before the question is queued: a stop that comes first finds it answered (cancelled), and it is skipped.
            var stopped = session.Token.Register(() => answer.TrySetCanceled(session.Token));
            session.Add(() =>
            {
                if (answer.Task.IsCompleted) return;
                try
                {
                    answer.TrySetResult(function());
                }
                catch (Exception e)
                {
                    answer.TrySetException(e);
                    throw; // as a failed write does: the pipeline ends the run
                }
            });
            return Answer(answer.Task, stopped);
        }

        private static async Task<T> Answer<T>(Task<T> answer, CancellationTokenRegistration stopped)
        {
            using (stopped) return await answer.ConfigureAwait(false);
        }

        private Session CurrentSession()
        {
            var session = Current.Value;
            if (session is null || session.Owner != this)
                throw new InvalidOperationException("A pipeline write was posted from a thread that runs no work of this command; PowerShell allows writes only on the pipeline thread.");
            return session;
        }

        /// <summary>
        /// Runs <paramref name="work"/> and writes what it posts until it ends. The work starts on the pipeline thread
        /// (work that never waits costs no thread hand-over, which matters once per piped record) and goes on, after
        /// its first wait, on the thread pool.
        /// </summary>
        public T Run<T>(Func<CancellationToken, Task<T>> work, CancellationToken cancellationToken)
        {
            if (!OnPipelineThread)
                throw new InvalidOperationException("Async work must be started from the pipeline thread, which then writes what it posts.");
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var session = new Session(this, linked.Token);
            var task = Start(work, session);
            try
            {
                if (task.IsCompleted)
                {
                    // Work that never waited wrote everything as it went, on this thread: nothing to drain, and no
                    // queue is made (a piped record, usually, so this is the path taken once per record).
                    session.End();
                }
                else
                {
                    task.ContinueWith(_ => session.Complete(), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
                    foreach (var action in session.Drain(cancellationToken)) action();
                }
                return task.GetAwaiter().GetResult();
            }
            catch (Exception e)
            {
                // A downstream Select-Object -First (PipelineStoppedException from a write), Ctrl+C, or a failure: stop the work too.
                session.Stop(); // releases a producer blocked on a full queue; what it posts from now on is dropped
                linked.Cancel();
                try { task.Wait(_stopGrace); } catch (AggregateException) { }
                if (e is OperationCanceledException && cancellationToken.IsCancellationRequested) throw new PipelineStoppedException();
                throw;
            }
        }

        private static Task<T> Start<T>(Func<CancellationToken, Task<T>> work, Session session)
        {
            var context = SynchronizationContext.Current;
            // Restored after: a run nested in another's start (a write that runs the next cmdlet of the pipeline at
            // once) must leave that start its own session, or the outer work would go on with none.
            var outer = Current.Value;
            Current.Value = session;
            // No host's context: a continuation queued to the blocked pipeline thread would never run.
            SynchronizationContext.SetSynchronizationContext(null);
            try
            {
                return work(session.Token);
            }
            catch (Exception e)
            {
                return Task.FromException<T>(e);
            }
            finally
            {
                Current.Value = outer;
                SynchronizationContext.SetSynchronizationContext(context);
            }
        }

        /// <summary>One call of <see cref="Run{T}"/>: its queue, its token, and whether the pipeline has stopped listening.</summary>
        private sealed class Session
        {
            // Made on first use: work that never waits posts nothing from another thread.
            private BlockingCollection<Action>? _queue;
            private volatile bool _stopped;
            private int _ended;

            private BlockingCollection<Action> Queue =>
                LazyInitializer.EnsureInitialized(ref _queue, () => new BlockingCollection<Action>(QueueCapacity))!;

            public Session(PipelineDispatcher owner, CancellationToken token)
            {
                Owner = owner;
                Token = token;
            }

            public PipelineDispatcher Owner { get; }

            /// <summary>Cancelled when the run stops, for whatever reason.</summary>
            public CancellationToken Token { get; }

            public void Add(Action action)
            {
                if (_stopped) return;
                try
                {
                    var queue = Queue;
                    if (Volatile.Read(ref _ended) == 1) throw new InvalidOperationException("The work has ended.");
                    queue.Add(action);
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

            /// <summary>What the work posts, until it ends; Ctrl+C ends the wait at once, even for work deaf to its token.</summary>
            public IEnumerable<Action> Drain(CancellationToken stop) => Queue.GetConsumingEnumerable(stop);

            public void Complete() => Queue.CompleteAdding();

            /// <summary>Ends a run whose work ended before it was ever drained: a post from now on is a bug, and throws.</summary>
            public void End()
            {
                Interlocked.Exchange(ref _ended, 1);
                Volatile.Read(ref _queue)?.CompleteAdding();
            }

            public void Stop()
            {
                _stopped = true;
                Queue.CompleteAdding();
            }
        }
    }
}
