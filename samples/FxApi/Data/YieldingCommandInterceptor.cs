using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace FxApi.Data;

/// <summary>
/// Makes every async EF Core command really suspend, as it would against a database across a
/// network. Microsoft.Data.Sqlite runs its async ADO.NET methods synchronously (SQLite has no
/// async I/O), so without this every <c>await</c> on the database would complete at once and the
/// sample would never show continuations resuming on another thread.
/// </summary>
public sealed class YieldingCommandInterceptor : DbCommandInterceptor
{
    public override async ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        await Task.Yield();
        return result;
    }

    public override async ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        await Task.Yield();
        return result;
    }

    public override async ValueTask<InterceptionResult<object>> ScalarExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default)
    {
        await Task.Yield();
        return result;
    }
}
