using System.Data.Common;
using System.Diagnostics;
using System.Threading.Channels;
using Microsoft.Data.Sqlite;
using Winnow.Server.Diagnostics;

namespace Winnow.Server.Store;

/// <summary>
/// Group commit for SQLite: one writer connection takes every write that is waiting, runs each in its own
/// savepoint inside one transaction, commits once (one fsync for the group, synchronous=FULL), and only then
/// answers each caller. A write that fails rolls back to its savepoint and fails alone; if the commit fails,
/// every write of the group fails. So a caller is never told "done" for something a crash could lose, and
/// 20 annotators share one fsync instead of queueing for 20.
/// </summary>
internal sealed class SqliteGroupCommit
{
    /// <summary>At most this many writes share a transaction (a bound on how long the first one waits).</summary>
    public const int MaxGroup = 64;

    private readonly string _path;
    private readonly Func<DbConnection> _open;
    private readonly Channel<IPending> _queue = Channel.CreateUnbounded<IPending>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Timings _timings;

    public SqliteGroupCommit(string path, Func<DbConnection> open, Timings timings)
    {
        _path = path;
        _open = open;
        _timings = timings;
        _ = Task.Factory.StartNew(RunAsync, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default).Unwrap();
    }

    public Task<T> WriteAsync<T>(Func<DbConnection, DbTransaction, Task<T>> body, string operation)
    {
        var pending = new Pending<T>(body, operation);
        if (!_queue.Writer.TryWrite(pending)) throw new InvalidOperationException($"the label store {_path} is closed");
        return pending.Result.Task;
    }

    private async Task RunAsync()
    {
        var group = new List<IPending>(MaxGroup);
        while (await _queue.Reader.WaitToReadAsync().ConfigureAwait(false))
        {
            group.Clear();
            while (group.Count < MaxGroup && _queue.Reader.TryRead(out var next)) group.Add(next);
            if (group.Count == 0) continue;
            var start = Stopwatch.GetTimestamp();
            foreach (var p in group) _timings.Record(p.Operation + ".wait", Stopwatch.GetElapsedTime(p.Queued, start).TotalMilliseconds);
            try
            {
                await using var c = _open();
                await using var tx = ((SqliteConnection)c).BeginTransaction(deferred: false);
                for (var i = 0; i < group.Count; i++)
                {
                    var t = Stopwatch.GetTimestamp();
                    var name = "w" + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
                    tx.Save(name);
                    if (await group[i].RunAsync(c, tx).ConfigureAwait(false)) tx.Release(name);
                    else tx.Rollback(name);
                    _timings.Record(group[i].Operation + ".run", Stopwatch.GetElapsedTime(t).TotalMilliseconds);
                }
                var commit = Stopwatch.GetTimestamp();
                await tx.CommitAsync().ConfigureAwait(false);
                _timings.Record("commit", Stopwatch.GetElapsedTime(commit).TotalMilliseconds);
                _timings.Record("group.size", group.Count);
                foreach (var p in group) p.Answer();
            }
#pragma warning disable CA1031 // whatever went wrong, the loop must go on serving the next group
            catch (Exception e)
#pragma warning restore CA1031
            {
                // Nothing of this group is on disk: every caller hears so, none is told "done".
                foreach (var p in group) p.Fail(e);
            }
        }
    }

    private interface IPending
    {
        string Operation { get; }
        long Queued { get; }

        /// <summary>Runs the write; false when it threw (its savepoint is rolled back; the error is kept for its caller).</summary>
        Task<bool> RunAsync(DbConnection c, DbTransaction tx);

        /// <summary>After the commit: the result, or the write's own error.</summary>
        void Answer();

        void Fail(Exception e);
    }

    private sealed class Pending<T>(Func<DbConnection, DbTransaction, Task<T>> body, string operation) : IPending
    {
        private T? _value;
        private Exception? _error;

        public TaskCompletionSource<T> Result { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public string Operation => operation;
        public long Queued { get; } = Stopwatch.GetTimestamp();

        public async Task<bool> RunAsync(DbConnection c, DbTransaction tx)
        {
            try
            {
                _value = await body(c, tx).ConfigureAwait(false);
                return true;
            }
#pragma warning disable CA1031 // the write's own error goes to its caller, after the group's commit; the group goes on
            catch (Exception e)
#pragma warning restore CA1031
            {
                _error = e;
                return false;
            }
        }

        public void Answer()
        {
            if (_error is not null) Result.TrySetException(_error);
            else Result.TrySetResult(_value!);
        }

        public void Fail(Exception e) => Result.TrySetException(_error ?? e);
    }
}
