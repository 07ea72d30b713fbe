namespace Winnow.Server.Store;

internal static class Clock
{
    public static long Now(TimeProvider time) => time.GetUtcNow().ToUnixTimeMilliseconds();
}
