using Microsoft.Data.Sqlite;

namespace Pipeline.Streams.Datasets.Msd;

/// <summary>
/// Reads one of the Million Song Dataset's SQLite files (lastfm_tags.db, track_metadata.db) read-only, after checking
/// that it has the tables and columns the reader needs. Every problem (a missing file, a file that is not a database,
/// a missing table or column, an unreadable row) becomes a <see cref="MetadataException"/> that names the file and
/// the expected schema.
/// </summary>
public static class MsdSqlite
{
    /// <summary>A table and the columns of it that are read.</summary>
    public sealed record Table(string Name, params string[] Columns);

    public static T Read<T>(string file, string notFound, string schema, IReadOnlyList<Table> required, Func<SqliteConnection, T> read)
    {
        if (!File.Exists(file))
            throw new MetadataException(file, null, notFound);

        var connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = file,
            Mode = SqliteOpenMode.ReadOnly,
            // The file is read once; a pooled connection would keep it open after the read.
            Pooling = false,
        }.ToString();
        try
        {
            using var connection = new SqliteConnection(connectionString);
            connection.Open();
            RequireSchema(connection, file, schema, required);
            return read(connection);
        }
        catch (SqliteException e) when (e.SqliteErrorCode == 26 /* SQLITE_NOTADB */)
        {
            throw new MetadataException(file, null, $"the file is not an SQLite database; {schema}", e);
        }
        catch (SqliteException e)
        {
            throw new MetadataException(file, null, $"cannot read the database ({e.Message}); {schema}", e);
        }
    }

    private static void RequireSchema(SqliteConnection connection, string file, string schema, IReadOnlyList<Table> required)
    {
        var tables = Strings(connection, "SELECT name FROM sqlite_master WHERE type = 'table'");
        var missing = required.Where(t => !tables.Contains(t.Name)).ToList();
        if (missing.Count > 0)
            throw new MetadataException(file, null, $"the database has no table {string.Join(", ", missing.Select(t => $"'{t.Name}'"))}; {schema}");
        foreach (var table in required)
        {
            // Table names come from the readers' constants, never from the file.
            var columns = Strings(connection, $"SELECT name FROM pragma_table_info('{table.Name}')");
            var absent = table.Columns.Where(c => !columns.Contains(c)).ToList();
            if (absent.Count > 0)
                throw new MetadataException(file, null,
                    $"the table '{table.Name}' has no column {string.Join(", ", absent.Select(c => $"'{c}'"))}; {schema}");
        }
    }

    private static HashSet<string> Strings(SqliteConnection connection, string query)
    {
        using var command = connection.CreateCommand();
        command.CommandText = query;
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        using var reader = command.ExecuteReader();
        while (reader.Read())
            names.Add(reader.GetString(0));
        return names;
    }
}
