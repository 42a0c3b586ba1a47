namespace ArenaServer.MessagePack;

/// <summary>The format family of the next MessagePack value, as reported by <see cref="MessagePackReader.TryPeekType"/>.</summary>
public enum MessagePackType
{
    /// <summary>The byte <c>0xc1</c>, which the spec says is never used.</summary>
    Unknown,

    /// <summary>nil (<c>0xc0</c>).</summary>
    Nil,

    /// <summary>false or true (<c>0xc2</c>, <c>0xc3</c>).</summary>
    Boolean,

    /// <summary>Positive or negative fixint, uint8–64 or int8–64.</summary>
    Integer,

    /// <summary>float32 or float64.</summary>
    Float,

    /// <summary>fixstr, str8, str16 or str32.</summary>
    String,

    /// <summary>bin8, bin16 or bin32.</summary>
    Binary,

    /// <summary>fixarray, array16 or array32.</summary>
    Array,

    /// <summary>fixmap, map16 or map32.</summary>
    Map,

    /// <summary>fixext1–16, ext8, ext16 or ext32 (including the timestamp extension, type −1).</summary>
    Extension,
}
