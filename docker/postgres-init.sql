-- One database per service (DESIGN.md): the auth and user subgraphs never share tables.
CREATE DATABASE tracklore_auth;
CREATE DATABASE tracklore_user;
