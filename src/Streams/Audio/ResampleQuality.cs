namespace Pipeline.Streams.Audio;

/// <summary>soxr's quality recipes; higher costs more CPU and keeps more of the pass band.</summary>
public enum ResampleQuality
{
    Quick = 0,   // SOXR_QQ: cubic interpolation, no anti-aliasing guarantee
    Low = 1,     // SOXR_LQ: 16-bit precision, 80% bandwidth
    Medium = 2,  // SOXR_MQ: 16-bit precision, 95% bandwidth
    High = 4,    // SOXR_HQ: 20-bit precision, 95% bandwidth
    VeryHigh = 6 // SOXR_VHQ: 28-bit precision, 95% bandwidth
}
