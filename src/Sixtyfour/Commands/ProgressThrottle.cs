using System.Diagnostics;

namespace Sixtyfour.Commands
{
    /// <summary>Lets a progress update through at most every quarter second: rendering progress costs more than copying a buffer.</summary>
    internal sealed class ProgressThrottle
    {
        private const long IntervalMs = 250;
        private readonly Stopwatch _clock = Stopwatch.StartNew();
        private long _last = -IntervalMs;

        public bool Ready()
        {
            var now = _clock.ElapsedMilliseconds;
            if (now - _last < IntervalMs) return false;
            _last = now;
            return true;
        }
    }
}
