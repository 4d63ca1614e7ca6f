using Microsoft.Data.Sqlite;

namespace Pipeline.Tests.Support.Datasets;

/// <summary>Writing the MSD's SQLite fixtures: an unpooled connection, statements, and inserts that return the ROWID.</summary>
public static class SqliteFixture
{
    // Unpooled, so the file is closed when the fixture is done and the test's temp folder can go.
    public static SqliteConnection Open(string file)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = file,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = false,
        }.ToString());
        connection.Open();
        return connection;
    }

    public static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    public static long Insert(SqliteConnection connection, string sql, params (string Name, object Value)[] parameters)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql + "; SELECT last_insert_rowid()";
        foreach (var (name, value) in parameters)
            command.Parameters.AddWithValue(name, value);
        return (long)command.ExecuteScalar()!;
    }
}
