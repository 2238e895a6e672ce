// methods: Program (top-level statements), Program (top-level statements) (lambda at line 6), Program (top-level statements) (lambda at line 10), Program (top-level statements) (local function Twice)
using System;
using System.Linq;

var numbers = new[] { 1, 2, 3 };                        // hit
var doubled = numbers.Select(n => Twice(n)).ToArray();  // hit
if (doubled.Length > 5)                                 // hit br=1/2
    Console.WriteLine("many");                          // miss
// A lambda whose body starts lines below the statement that creates it: named for that statement.
Func<int, int> triple = n =>                            // hit
{
    return n * 3;                                       // hit
};
Console.WriteLine(triple(2));                           // hit

static int Twice(int n) => n * 2;                       // hit
