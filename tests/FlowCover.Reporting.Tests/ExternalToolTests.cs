using FlowCover.Reporting.Tests.Fixtures;
using Xunit;
using Xunit.Sdk;

namespace FlowCover.Reporting.Tests;

public sealed class ExternalToolTests
{
    [Fact]
    public void A_missing_tool_fails_the_test_naming_the_package_to_install()
    {
        var error = Assert.Throws<FailException>(() => new ExternalTool("no-such-tool-flowcover", "some-package").Path());
        Assert.Equal("no-such-tool-flowcover is not installed, and this test needs it: install the Debian package 'some-package' " +
            "(apt-get install some-package; it is listed in .ci/apt-packages.txt, which ./run-tests installs).", error.Message);
    }
}
