package io.pgclone.cli;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/** A small shop: customers, products and orders with the awkward values real data has. */
final class DemoDataset {
    static final List<String> TABLES = List.of("shop.customers", "shop.products", "shop.orders");

    private DemoDataset() {
    }

    static void load(Connection c, int customers, int orders) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute("CREATE SCHEMA shop");
            st.execute("""
                CREATE TABLE shop.customers (
                  id bigint PRIMARY KEY,
                  name text NOT NULL,
                  email text,
                  phone text,
                  country char(2),
                  created_at timestamptz NOT NULL,
                  balance numeric(12,2),
                  vip boolean NOT NULL DEFAULT false)""");
            st.execute("INSERT INTO shop.customers SELECT g,"
                    + " (ARRAY['Ada','Grace','Alan','Edsger','Barbara','Donald','Frances','Ken'])[1 + g % 8]"
                    + "   || ' ' || (ARRAY['Lovelace','Hopper','Turing','Dijkstra','Liskov','Knuth','Allen','O''Brien'])[1 + g / 8 % 8],"
                    + " CASE WHEN g % 10 = 0 THEN NULL ELSE 'customer' || g || '@example.com' END,"
                    + " '+1-555-' || lpad((g % 10000)::text, 4, '0'),"
                    + " (ARRAY['US','DE','FR','JP','BR','IN'])[1 + g % 6],"
                    + " timestamptz '2020-01-01 00:00:00+00' + g * interval '37 minutes 13.123456 seconds',"
                    + " CASE WHEN g % 9 = 0 THEN NULL ELSE round((g * 7919 % 1000000) / 100.0 - 2500, 2) END,"
                    + " g % 50 = 0 FROM generate_series(1, " + customers + ") g");
            st.execute("""
                CREATE TABLE shop.products (
                  id integer PRIMARY KEY,
                  sku uuid NOT NULL,
                  name text NOT NULL,
                  price numeric(10,2) NOT NULL,
                  tags text[],
                  attributes jsonb,
                  thumbnail bytea)""");
            st.execute("INSERT INTO shop.products SELECT g, md5(g::text)::uuid,"
                    + " 'Product ' || g || CASE WHEN g % 5 = 0 THEN E' \\u2014 \"deluxe\"\\tedition' ELSE '' END,"
                    + " (g % 500) + 0.99, ARRAY['tag' || g % 7, 'tag' || g % 11],"
                    + " jsonb_build_object('weight_g', g % 900, 'colors', jsonb_build_array('red', 'blue'), 'note', E'line1\\nline2'),"
                    + " CASE WHEN g % 3 = 0 THEN NULL ELSE decode(md5(g::text), 'hex') END"
                    + " FROM generate_series(1, 2000) g");
            st.execute("""
                CREATE TABLE shop.orders (
                  id bigint PRIMARY KEY,
                  customer_id bigint NOT NULL,
                  product_id integer NOT NULL,
                  quantity smallint NOT NULL,
                  total numeric(12,2) NOT NULL,
                  status text NOT NULL,
                  ordered_at timestamptz NOT NULL,
                  shipped_on date,
                  note text)""");
            st.execute("INSERT INTO shop.orders SELECT g, 1 + g % " + customers + ", 1 + g % 2000, 1 + g % 5,"
                    + " round(((1 + g % 5) * ((g % 500) + 0.99))::numeric, 2),"
                    + " (ARRAY['new','paid','shipped','returned'])[1 + g % 4],"
                    + " timestamptz '2023-06-01 12:00:00+02' + g * interval '2 minutes 0.5 seconds',"
                    + " CASE WHEN g % 4 >= 2 THEN date '2023-06-01' + g / 500 END,"
                    + " CASE WHEN g % 97 = 0 THEN E'call before delivery\\\\door code 42' END"
                    + " FROM generate_series(1, " + orders + ") g");
            st.execute("ANALYZE shop.customers, shop.products, shop.orders");
        }
    }
}
