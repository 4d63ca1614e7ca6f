// GCC 13's libstdc++ exports std::ios_base_library_init() (GLIBCXX_3.4.32) and calls it to make sure the
// standard streams are initialised. Older libstdc++ (Debian 12 ships GLIBCXX_3.4.30) initialises them in its
// own static constructor and has no such symbol. TorchSharp 0.107.0's libLibTorchSharp.so references it, so on
// those systems this empty definition satisfies the reference; the streams are initialised either way.
namespace std {
void ios_base_library_init() {}
}
