using System.Runtime.InteropServices;

namespace Winnow.Cli.Compare;

/// <summary>
/// Makes the process's peak resident set (VmHWM) a per-run figure when runs share one process: the managed heap is
/// collected, glibc gives freed pages back (<c>malloc_trim(0)</c>; the trainer's <c>NativeHeap</c> otherwise keeps them),
/// and the kernel resets the high-water mark to the current RSS (<c>/proc/self/clear_refs</c> ← 5, Linux ≥ 4.0). The next
/// run's peak then starts from the process's base, as a run of its own would. A no-op where any of it is missing.
/// </summary>
internal static class ProcessMemory
{
    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate int MallocTrim(nuint pad);

    public static void ResetPeak()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        if (!OperatingSystem.IsLinux()) return;
        if (NativeLibrary.TryLoad("libc.so.6", out var libc) && NativeLibrary.TryGetExport(libc, "malloc_trim", out var address))
            Marshal.GetDelegateForFunctionPointer<MallocTrim>(address)(0);
        try
        {
            File.WriteAllText("/proc/self/clear_refs", "5");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Not allowed here: the peak is then the process's since it started (still an upper bound).
        }
    }
}
