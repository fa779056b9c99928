//! The grammar of the docs' Type column (`String`, `[x](x.md) collection`, `Collection(Edm.Int32)`, ...).
