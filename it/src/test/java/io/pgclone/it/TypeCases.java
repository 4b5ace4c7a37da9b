package io.pgclone.it;

import java.util.ArrayList;
import java.util.List;

/**
 * Every PostgreSQL type the clone must carry exactly, with edge values as SQL expressions. {@code name} is the
 * type as docs/types.md lists it; a test checks every documented type has a case here.
 */
final class TypeCases {
    /** One type: its documented name, the column type, the minimum server major, and values (SQL). */
    record Case(String name, String sqlType, int minMajor, List<String> values) {
        String column() {
            return "c_" + name.replace("[]", " array").replace("-", " neg ").replaceAll("[^a-zA-Z0-9]+", "_")
                    .replaceAll("_+$", "");
        }
    }

    /** Types, extensions and domains the cases need, created on the source; the clone brings them to the target. */
    static final List<String> SETUP = List.of(
            "CREATE EXTENSION IF NOT EXISTS hstore",
            "CREATE EXTENSION IF NOT EXISTS citext",
            "CREATE EXTENSION IF NOT EXISTS ltree",
            "CREATE TYPE public.mood AS ENUM ('sad', 'ok', 'happy ☺')",
            "CREATE TYPE public.pair AS (a integer, b text)",
            "CREATE DOMAIN public.posint AS integer CHECK (VALUE > 0)",
            "CREATE DOMAIN public.money_amount AS numeric(10,3)",
            "CREATE DOMAIN public.short_text AS varchar(8) NOT NULL DEFAULT 'x'");

    static final List<Case> CASES = build();

    private TypeCases() {
    }

    private static Case c(String name, String type, String... values) {
        return new Case(name, type, 14, List.of(values));
    }

    private static List<Case> build() {
        List<Case> l = new ArrayList<>();
        l.add(c("boolean", "boolean", "true", "false"));
        l.add(c("smallint", "smallint", "-32768", "32767", "0"));
        l.add(c("integer", "integer", "-2147483648", "2147483647"));
        l.add(c("bigint", "bigint", "-9223372036854775808", "9223372036854775807"));
        l.add(c("oid", "oid", "0", "4294967295"));
        l.add(c("real", "real", "'NaN'", "'Infinity'", "'-Infinity'", "'-0'", "'1.17549435e-38'", "'3.4028235e38'", "'0.1'", "'1e-45'"));
        l.add(c("double precision", "double precision", "'NaN'", "'Infinity'", "'-Infinity'", "'-0'", "'4.9e-324'",
                "'1.7976931348623157e308'", "'0.1'", "'-123456.789e-300'"));
        l.add(c("numeric", "numeric", "'NaN'", "'Infinity'", "'-Infinity'",
                "'123456789012345678901234567890.123456789012345678901234567890'", "'0.000000000000000000001'",
                "'-0.5'", "'1e130'", "'12.3000'"));
        l.add(c("numeric(p,s)", "numeric(12,2)", "'-9999999999.99'", "'NaN'", "'0'", "'12.3'", "'0.01'"));
        l.add(new Case("numeric(p,-s)", "numeric(5,-2)", 15, List.of("'1234500'", "'-99'")));
        l.add(c("money", "money", "'-92233720368547758.08'", "'92233720368547758.07'", "'0'", "'12.34'"));
        l.add(c("text", "text", "''", "E'tab\\there'", "E'nl\\nline\\r'", "E'back\\\\slash'", "'ünï ✓ 日本 🎉'", "E'\\\\N'", "'NULL'"));
        l.add(c("varchar(n)", "varchar(10)", "'abc'", "''", "'ten chars!'"));
        l.add(c("char(n)", "char(5)", "'ab'", "''", "'abcde'"));
        l.add(c("\"char\"", "\"char\"", "'a'", "'Z'"));
        l.add(c("name", "name", "'somename'", "'Odd Name'"));
        l.add(c("bytea", "bytea", "'\\x'", "'\\x00ff10'", "decode(repeat('ab', 20000), 'hex')", "'\\x5c4e'"));
        l.add(c("date", "date", "'2024-02-29'", "'0044-03-15 BC'", "'4713-01-01 BC'", "'5874897-12-31'", "'infinity'",
                "'-infinity'", "'1970-01-01'", "'12345-06-07'"));
        l.add(c("time", "time", "'00:00:00'", "'24:00:00'", "'13:07:01.000001'", "'23:59:59.999999'"));
        l.add(c("time(p)", "time(3)", "'12:00:00.123'", "'23:59:59.999'"));
        l.add(c("timetz", "time with time zone", "'12:00:00+05:45'", "'00:00:00-12'", "'24:00:00+00'", "'13:07:01.5-03:30'"));
        l.add(c("timestamp", "timestamp", "'infinity'", "'-infinity'", "'0044-03-15 12:00:00 BC'",
                "'294276-12-31 23:59:59.999999'", "'2024-02-29 12:34:56.789012'", "'1970-01-01 00:00:00'", "'4713-01-01 00:00:00 BC'"));
        l.add(c("timestamp(p)", "timestamp(0)", "'2024-01-01 00:00:01'", "'1999-12-31 23:59:59'"));
        l.add(c("timestamptz", "timestamptz", "'infinity'", "'-infinity'", "'2024-03-31 02:30:00.000001+02'",
                "'0044-03-15 12:00:00+00 BC'", "'294276-12-31 23:59:59.999999+00'", "'1969-12-31 23:59:59.999999+00'"));
        l.add(c("timestamptz(p)", "timestamp(3) with time zone", "'2024-02-29 23:59:59.999+05:30'"));
        l.add(c("interval", "interval", "'1 year 2 mons 3 days 04:05:06.789'", "'-1 days +02:00:00'",
                "'178000000 years'", "'-00:00:00.000001'", "'0'"));
        l.add(c("interval fields", "interval day to second(2)", "'3 days 04:05:06.78'"));
        l.add(c("uuid", "uuid", "'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'", "'00000000-0000-0000-0000-000000000000'"));
        l.add(c("json", "json", "'{\"b\":1, \"a\" : [1,2]}'", "'\"x\"'", "'null'", "'{\"a\":1,\"a\":2}'", "'  [ ]  '"));
        l.add(c("jsonb", "jsonb", "'{\"b\":1,\"a\":[1,2,{\"c\":\"ü\\n\"}]}'", "'[]'", "'null'", "'1.50'"));
        l.add(c("xml", "xml", "'<a b=\"1\">t&amp;</a>'", "'text only'"));
        l.add(c("inet", "inet", "'192.168.0.1/24'", "'::1'", "'10.0.0.1'"));
        l.add(c("cidr", "cidr", "'10.0.0.0/8'", "'2001:db8::/32'"));
        l.add(c("macaddr", "macaddr", "'08:00:2b:01:02:03'"));
        l.add(c("macaddr8", "macaddr8", "'08:00:2b:01:02:03:04:05'"));
        l.add(c("bit(n)", "bit(4)", "B'1010'", "B'0000'"));
        l.add(c("varbit", "bit varying", "B''", "B'1'", "B'101010101010101010101'"));
        l.add(c("tsvector", "tsvector", "'a fat cat:1A sat:2B'", "''"));
        l.add(c("tsquery", "tsquery", "'fat & (rat | cat)'", "'!a <-> b'"));
        l.add(c("regclass", "regclass", "'pg_class'", "'pg_catalog.pg_type'"));
        l.add(c("regtype", "regtype", "'integer'", "'timestamp with time zone'"));
        l.add(c("regproc", "regproc", "'now'"));
        l.add(c("regnamespace", "regnamespace", "'pg_catalog'"));
        l.add(c("pg_lsn", "pg_lsn", "'0/0'", "'FFFFFFFF/FFFFFFFF'", "'16/B374D848'"));
        l.add(c("point", "point", "'(1.5,-2)'", "'(0.1,1e300)'"));
        l.add(c("line", "line", "'{1,2,3}'"));
        l.add(c("lseg", "lseg", "'[(0,0),(1,1)]'"));
        l.add(c("box", "box", "'(1,1),(0,0)'"));
        l.add(c("path", "path", "'[(0,0),(1,1)]'", "'((0,0),(1,1),(2,0))'"));
        l.add(c("polygon", "polygon", "'((0,0),(1,0),(1,1))'"));
        l.add(c("circle", "circle", "'<(0,0),2.5>'"));
        l.add(c("int4range", "int4range", "'[1,10)'", "'empty'", "'(,5]'"));
        l.add(c("int8range", "int8range", "'[-9223372036854775808,0)'"));
        l.add(c("numrange", "numrange", "'[1.5,2.5]'", "'(-1,)'"));
        l.add(c("daterange", "daterange", "'[2024-01-01,infinity)'"));
        l.add(c("tsrange", "tsrange", "'[2024-01-01 00:00:00.5,2024-01-02)'"));
        l.add(c("tstzrange", "tstzrange", "'[2024-01-01 00:00+00,)'"));
        l.add(c("int4multirange", "int4multirange", "'{[1,3),[5,7)}'", "'{}'"));
        l.add(c("datemultirange", "datemultirange", "'{[2024-01-01,2024-02-01)}'"));
        l.add(c("enum", "public.mood", "'sad'", "'happy ☺'"));
        l.add(c("domain", "public.posint", "5", "2147483647"));
        l.add(c("domain over numeric(p,s)", "public.money_amount", "'1234567.891'", "'NaN'"));
        l.add(c("domain over varchar(n)", "public.short_text", "'abc'"));
        l.add(c("composite", "public.pair", "ROW(1, 'x,y')::public.pair", "ROW(NULL, NULL)::public.pair", "ROW(2, E'q\"\\\\')::public.pair"));
        l.add(c("hstore", "hstore", "'\"a\"=>\"1\", \"b\"=>NULL, \"k y\"=>\"v\\\"\"'"));
        l.add(c("citext", "citext", "'MiXeD Case'"));
        l.add(c("ltree", "ltree", "'a.b.c'"));
        l.add(c("integer[]", "integer[]", "'{1,NULL,3}'", "'{}'", "'{{1,2},{3,4}}'", "'[0:1]={7,8}'", "'{NULL}'"));
        l.add(c("bigint[]", "bigint[]", "'{-9223372036854775808}'"));
        l.add(c("text[]", "text[]", "'{\"a,b\",\"q\\\"x\",NULL,\"NULL\",\"\",\"sp ace\",\"{}\"}'", "'{ünï}'",
                "'{{a,b},{c,d}}'"));
        l.add(c("varchar(n)[]", "varchar(3)[]", "'{abc,\"\"}'"));
        l.add(c("numeric[]", "numeric[]", "'{1.5,NaN,Infinity,-0.001}'"));
        l.add(c("numeric(p,s)[]", "numeric(5,2)[]", "'{1.50,NULL}'", "'{NaN}'"));
        l.add(c("real[]", "real[]", "'{1.5,-0}'"));
        l.add(c("double precision[]", "double precision[]", "'{NaN,1.5,Infinity}'", "'{0.1}'"));
        l.add(c("boolean[]", "boolean[]", "'{t,f,NULL}'"));
        l.add(c("bytea[]", "bytea[]", "ARRAY['\\x00ff'::bytea, NULL, '\\x'::bytea]"));
        l.add(c("date[]", "date[]", "'{2024-01-01,infinity,\"0044-03-15 BC\"}'"));
        l.add(c("timestamp[]", "timestamp[]", "'{\"2024-01-01 00:00:00.000001\",-infinity}'"));
        l.add(c("timestamptz[]", "timestamptz[]", "'{\"2024-01-01 00:00:00+05:45\"}'"));
        l.add(c("time[]", "time[]", "'{24:00:00,00:00:01}'"));
        l.add(c("uuid[]", "uuid[]", "'{a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11}'"));
        l.add(c("json[]", "json[]", "ARRAY['{\"a\": 1}'::json, '[1, 2]'::json]"));
        l.add(c("jsonb[]", "jsonb[]", "ARRAY['{\"a\":1}'::jsonb, 'null'::jsonb]"));
        l.add(c("interval[]", "interval[]", "'{\"1 day\",\"-00:00:01\"}'"));
        l.add(c("inet[]", "inet[]", "'{10.0.0.1,::1}'"));
        l.add(c("box[]", "box[]", "'{(1,1),(0,0);(2,2),(1,1)}'"));
        l.add(c("point[]", "point[]", "'{\"(1,2)\",\"(3,4)\"}'"));
        l.add(c("int4range[]", "int4range[]", "'{\"[1,2)\",empty}'"));
        l.add(c("enum[]", "public.mood[]", "'{sad,\"happy ☺\"}'"));
        l.add(c("domain[]", "public.posint[]", "'{1,2}'"));
        l.add(c("composite[]", "public.pair[]", "ARRAY[ROW(1,'a')::public.pair, ROW(NULL,'b\"c')::public.pair]"));
        l.add(c("hstore[]", "hstore[]", "ARRAY['a=>1'::hstore]"));
        l.add(c("char(n)[]", "char(3)[]", "'{a,bc}'"));
        return l;
    }
}
