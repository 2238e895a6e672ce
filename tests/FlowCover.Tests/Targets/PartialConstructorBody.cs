// methods: Widget.Widget
namespace FlowCover.Targets.PartialConstructor;

// The body of the constructor whose initializers are in PartialConstructor.cs. Its statements
// sit on line numbers that PartialConstructor.cs uses for other code (line 17 there never runs),
// so a line filed under the wrong file shows there as a wrong hit.
public partial class Widget
{
    public int Count { get; private set; }

    public Widget(int n)
    {
        if (n < 0)                                                      // hit br=1/2
            Count = 0;                                                  // miss
        else
            Count = n;                                                  // hit
        Count *= 2;                                                     // hit
    }
}
