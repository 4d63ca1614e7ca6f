using Pipeline.Shared;

namespace Pipeline.Streams.Scoring;

/// <summary>A batch with the model's answers: tag probabilities [Count, Tags] and, when asked for, a layer's output [Count, EmbeddingSize].</summary>
public sealed record ScoredBatch(Batch Batch, float[] Probabilities, int Tags, float[]? Embeddings, int EmbeddingSize);
