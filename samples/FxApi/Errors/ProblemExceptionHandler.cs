using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace FxApi.Errors;

/// <summary>Turns the API's own exceptions into problem details; anything else stays a 500.</summary>
public sealed class ProblemExceptionHandler(IProblemDetailsService problemDetails) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        ProblemDetails? problem = exception switch
        {
            ValidationFailedException invalid => new HttpValidationProblemDetails(
                new Dictionary<string, string[]> { [invalid.Field] = [invalid.Problem] })
            {
                Status = StatusCodes.Status400BadRequest,
                Detail = invalid.Message,
            },
            RateNotFoundException missing => new ProblemDetails
            {
                Status = StatusCodes.Status404NotFound,
                Title = "No rate",
                Detail = missing.Message,
            },
            RateProviderException failed => new ProblemDetails
            {
                Status = StatusCodes.Status502BadGateway,
                Title = "The rate provider failed",
                Detail = failed.Message,
            },
            _ => null,
        };
        if (problem is null)
            return false;
        httpContext.Response.StatusCode = problem.Status!.Value;
        return await problemDetails.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = problem,
            Exception = exception,
        });
    }
}
