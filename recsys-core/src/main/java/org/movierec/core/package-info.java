/** MovieRec recommender core: plain Java, no framework. */
package org.movierec.core;
