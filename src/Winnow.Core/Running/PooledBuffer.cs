using System.Buffers;

namespace Winnow.Core.Running;

/// <summary>
/// A growable byte buffer over an array rented from <see cref="ArrayPool{T}.Shared"/>: records are serialised into it, and
/// whoever writes its bytes out gives the array back (<see cref="Detach"/>, then <see cref="SinkSet.Release"/>).
/// </summary>
internal sealed class PooledBuffer(int initialSize) : IBufferWriter<byte>
{
    private byte[] _array = ArrayPool<byte>.Shared.Rent(initialSize);
    private int _written;

    public int WrittenCount => _written;

    public void Advance(int count) => _written += count;

    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        Ensure(sizeHint);
        return _array.AsMemory(_written);
    }

    public Span<byte> GetSpan(int sizeHint = 0)
    {
        Ensure(sizeHint);
        return _array.AsSpan(_written);
    }

    /// <summary>The array (owned by the caller from now on) and how many of its bytes were written.</summary>
    public (byte[] Array, int Count) Detach()
    {
        var result = (_array, _written);
        _array = [];
        _written = 0;
        return result;
    }

    private void Ensure(int sizeHint)
    {
        var need = _written + Math.Max(sizeHint, 1);
        if (need <= _array.Length) return;
        var bigger = ArrayPool<byte>.Shared.Rent(Math.Max(need, _array.Length * 2));
        _array.AsSpan(0, _written).CopyTo(bigger);
        if (_array.Length > 0) ArrayPool<byte>.Shared.Return(_array);
        _array = bigger;
    }
}
