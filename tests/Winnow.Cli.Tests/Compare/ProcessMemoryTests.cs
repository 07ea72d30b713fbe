using System.Runtime.InteropServices;
using Winnow.Cli.Compare;
using Winnow.Tuning.Training;

namespace Winnow.Cli.Tests.Compare;

[Collection(CliCollection.Name)]
public sealed class ProcessMemoryTests
{
    [Fact]
    public void ResetPeak_AfterALargeNativeBufferIsFreed_ThePeakDropsBelowIt()
    {
        if (!File.Exists("/proc/self/clear_refs")) return; // Linux only
        const int size = 256 << 20;
        var buffer = Marshal.AllocHGlobal(size); // malloc: mmap'd at this size, given back by free
        for (int i = 0; i < size; i += 4096) Marshal.WriteByte(buffer, i, 1);
        long peakWithBuffer = Winnow.Core.Running.PeakRss.Bytes();
        Marshal.FreeHGlobal(buffer);

        ProcessMemory.ResetPeak();

        Assert.True(Winnow.Core.Running.PeakRss.Bytes() < peakWithBuffer - (128 << 20), $"peak {Winnow.Core.Running.PeakRss.Bytes() >> 20} MiB, with the buffer {peakWithBuffer >> 20} MiB");
    }
}
