namespace CpuWorkload;

/// <summary>Small methods called from tight loops: the shape where a probe can cost an inlining.</summary>
public readonly record struct Vec3(double X, double Y, double Z)
{
    public static Vec3 operator +(Vec3 a, Vec3 b) => new(a.X + b.X, a.Y + b.Y, a.Z + b.Z);
    public static Vec3 operator *(Vec3 a, double k) => new(a.X * k, a.Y * k, a.Z * k);
    public double Dot(Vec3 other) => X * other.X + Y * other.Y + Z * other.Z;
    public double Length => Math.Sqrt(Dot(this));

    public Vec3 Normalized()
    {
        var length = Length;
        return length == 0 ? this : this * (1 / length);
    }
}

public static class Kernels
{
    /// <summary>Adler-32 of a buffer, one small helper per step.</summary>
    public static uint Adler32(byte[] data)
    {
        uint a = 1, b = 0;
        foreach (var value in data)
        {
            a = Mod(a + value);
            b = Mod(b + a);
        }
        return (b << 16) | a;
    }

    private static uint Mod(uint value) => value >= 65521 ? value - 65521 : value;

    /// <summary>Insertion sort through a comparison and a swap helper.</summary>
    public static void Sort(int[] items)
    {
        for (var i = 1; i < items.Length; i++)
            for (var j = i; j > 0 && Less(items[j], items[j - 1]); j--)
                Swap(items, j, j - 1);
    }

    private static bool Less(int left, int right) => left < right;

    private static void Swap(int[] items, int i, int j) => (items[i], items[j]) = (items[j], items[i]);

    /// <summary>Words in a text, by a character class helper.</summary>
    public static int CountWords(string text)
    {
        var words = 0;
        var inWord = false;
        foreach (var c in text)
        {
            if (IsWordChar(c))
            {
                if (!inWord)
                    words++;
                inWord = true;
            }
            else
            {
                inWord = false;
            }
        }
        return words;
    }

    private static bool IsWordChar(char c) => char.IsLetterOrDigit(c) || c == '\'' || c == '-';

    /// <summary>Walks a particle along normalised steps.</summary>
    public static double Walk(int steps)
    {
        var position = new Vec3(0, 0, 0);
        for (var i = 0; i < steps; i++)
        {
            var direction = new Vec3(i % 7 - 3, i % 5 - 2, i % 3 - 1).Normalized();
            position += direction * 0.5;
        }
        return position.Length;
    }
}
