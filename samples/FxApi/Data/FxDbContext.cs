using Microsoft.EntityFrameworkCore;

namespace FxApi.Data;

public sealed class FxDbContext(DbContextOptions<FxDbContext> options) : DbContext(options)
{
    public DbSet<FxRate> Rates => Set<FxRate>();
    public DbSet<Asset> Assets => Set<Asset>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<FxRate>(rate =>
        {
            rate.Property(r => r.Base).HasMaxLength(3);
            rate.Property(r => r.Quote).HasMaxLength(3);
            rate.HasIndex(r => new { r.Base, r.Quote, r.Date }).IsUnique();
        });
        modelBuilder.Entity<Asset>(asset =>
        {
            asset.Property(a => a.Name).HasMaxLength(200);
            asset.Property(a => a.Currency).HasMaxLength(3);
            asset.Property(a => a.Kind).HasConversion<string>().HasMaxLength(20);
        });
    }
}
