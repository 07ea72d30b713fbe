using Winnow.Core.Running;

namespace Winnow.Core.Tests.Running;

public sealed class PeakRssTests
{
    [Theory]
    [InlineData("VmHWM:\t 2230316 kB", 2_230_316L * 1024)]
    [InlineData("VmHWM:\t12345678 kB", 12_345_678L * 1024)] // 8 digits (≥ 9.5 GiB): no space after the tab
    [InlineData("VmHWM:\t     520 kB", 520L * 1024)]
    public void Parse_StatusLine_GivesBytes(string line, long bytes) => Assert.Equal(bytes, PeakRss.Parse(line));
}
