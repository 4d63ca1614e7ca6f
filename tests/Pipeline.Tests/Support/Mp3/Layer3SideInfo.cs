namespace Pipeline.Tests.Support.Mp3;

/// <summary>
/// The few fields of an MPEG-1 Layer III frame's side information (ISO/IEC 11172-3 2.4.1.7) a test needs to name the
/// frames a decoder treats differently: the joint-stereo mode extension and whether a granule uses mixed blocks.
/// </summary>
public static class Layer3SideInfo
{
    /// <summary>Joint stereo with intensity stereo on (mode extension bit 0).</summary>
    public static bool UsesIntensityStereo(byte[] data, Mp3Frame frame) =>
        frame.Header.Mode == ChannelMode.JointStereo && (data[frame.Offset + 3] >> 4 & 1) == 1;

    /// <summary>Whether any granule and channel of an MPEG-1 frame is a block of type 2 with mixed_block_flag set.</summary>
    public static bool UsesMixedBlocks(byte[] data, Mp3Frame frame)
    {
        if (frame.Header.Version != MpegVersion.Mpeg1)
            throw new ArgumentException("only MPEG-1 side information is read here", nameof(frame));
        var channels = frame.Header.Channels;
        var bits = new BitReader(data, frame.Offset + 4 + (frame.Header.HasCrc ? 2 : 0));
        bits.Skip(9 + (channels == 1 ? 5 : 3) + 4 * channels); // main_data_begin, private bits, scfsi
        var mixed = false;
        for (var granule = 0; granule < 2; granule++)
        {
            for (var channel = 0; channel < channels; channel++)
            {
                bits.Skip(12 + 9 + 8 + 4); // part2_3_length, big_values, global_gain, scalefac_compress
                if (bits.Read(1) == 1)
                {
                    var blockType = bits.Read(2);
                    var mixedFlag = bits.Read(1);
                    mixed |= blockType == 2 && mixedFlag == 1;
                    bits.Skip(10 + 9); // table_select[2], subblock_gain[3]
                }
                else
                {
                    bits.Skip(15 + 4 + 3); // table_select[3], region0_count, region1_count
                }
                bits.Skip(3); // preflag, scalefac_scale, count1table_select
            }
        }
        return mixed;
    }

    private sealed class BitReader(byte[] data, int offset)
    {
        private long _bit = offset * 8L;

        public void Skip(int bits) => _bit += bits;

        public int Read(int bits)
        {
            var value = 0;
            for (var i = 0; i < bits; i++, _bit++)
                value = value << 1 | (data[_bit >> 3] >> (7 - (int)(_bit & 7)) & 1);
            return value;
        }
    }
}
